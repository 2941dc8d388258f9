"""How well a phrase serves a new speech as it stands, and which units are
no phrase at all (fragments) and are left out of the bank."""

from __future__ import annotations

import re
from collections.abc import Sequence

from speechkit.reading import cues, wrapup

# An opening that starts in the middle of a list or a dash run is a piece of
# something else; so is an opening longer than any opening paragraph.
_MID_LIST_RE = re.compile(r"^(?:[二三四五六七八九十]是|其次|再次|第[二三四五六七八九十]|——|—|[2-9][.、．])")
_OPENING_MAX = 1500
_CLOSING_CUE_RE = re.compile(
    r"谢谢|祝|愿|让我们|希望|奋斗|努力|贡献|成功|同志们|朋友们|各位|最后|携手|前进|未来"
)


# A line with no sentence punctuation at all is a heading or a caption
# (“十四五”时期发展成就和2025年工作回顾), not something a speaker says; a bare
# formula (谢谢大家) is the exception, as web copies often drop its ！.
_SENTENCE_MARK_RE = re.compile(r"[。！？；，：!?;,:…]")


def fragment_reason(kind: str, text: str) -> str | None:
    """Why ``text`` is no usable phrase of ``kind`` (None: it is one)."""
    bare = not _SENTENCE_MARK_RE.search(text) and not cues.FORMULA_RE.search(text)
    if kind in ("opening", "closing") and bare:
        return "a heading, not a sentence"
    if kind == "opening":
        if _MID_LIST_RE.match(text):
            return "starts in the middle of a list"
        if len(text) > _OPENING_MAX:
            return "too long to be an opening"
    if kind == "closing" and not (wrapup.opens_closing(text) or _CLOSING_CUE_RE.search(text)):
        return "nothing in it closes a speech"
    return None


# Each specific costs this much per 100 characters; a redaction costs more.
_SPECIFIC_COST = 0.12
_REDACTION_COST = 0.25


def reuse_score(kind: str, text: str, specific_kinds: Sequence[str], moves: Sequence[str]) -> float:
    """0..1: 1 for a phrase a writer can use as it is; less for every specific
    to check (per 100 characters), for leftovers of redaction, for length far
    from its kind's, and for an opening or closing that makes no move."""
    score = 1.0
    size = max(len(text), 40)
    redactions = sum(1 for k in specific_kinds if k == "redaction")
    others = len(specific_kinds) - redactions
    score -= _SPECIFIC_COST * others * 100 / size
    score -= _REDACTION_COST * redactions
    if kind in ("opening", "closing"):
        if not moves:
            score -= 0.2
        if len(text) > 400:
            score -= 0.2
    if kind == "point" and len(text) > 60:
        score -= 0.1  # a heading that runs on is harder to reuse
    return round(min(1.0, max(0.0, score)), 2)
