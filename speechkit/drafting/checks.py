"""Marking what a writer must check: a phrase's specifics, shown in the draft.

A draft never states a source's names, figures or dates as the user's own:
each specific of a chosen phrase is wrapped as ``【核：83家】`` in every output
format (highlighted in the terminal), unless it is the user's own value
(their place, their organisation) or a level word their speaker may use
(全市 for a city's speaker). Marking happens on the phrase's own text, before
slots are filled, so the user's values are never marked.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping

from speechkit.bank.model import Phrase
from speechkit.bank.slots import slots_in
from speechkit.drafting.fit import level_word_fits
from speechkit.lazyre import compile_later

CHECK_OPEN = "【核："
CHECK_CLOSE = "】"
CHECK_RE = compile_later(r"【核：([^【】]*)】")

# While slots are filled the marks are control characters no text holds.
_OPEN, _CLOSE = "\x0e", "\x0f"
_BLANK_OPEN, _BLANK_CLOSE = "\x10", "\x11"
_SLOT_RE = compile_later(r"\{\{|\}\}|\{[a-z_]+\}")


def to_check(phrase: Phrase, values: Mapping[str, str], level: str | None) -> list[tuple[str, str]]:
    """The specifics of ``phrase`` the writer must check in this draft."""
    return _with_claims_of_text(phrase, _specifics_to_check(phrase, values, level))


def count_to_check(phrase: Phrase, values: Mapping[str, str], level: str | None, most: int) -> int:
    """``min(len(to_check(…)), most)``, without reading the text where its specifics
    alone reach ``most`` (a province's report point has dozens)."""
    found = _specifics_to_check(phrase, values, level)
    return most if len(found) >= most else min(len(_with_claims_of_text(phrase, found)), most)


def _with_claims_of_text(phrase: Phrase, out: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``out`` (the phrase's specifics to check) and what its text claims of its source."""
    # what the source's own year brought (今年以来，中央领导同志先后三次听取…): in a new
    # speech the same words would claim it of the user's year
    text = phrase.all_text()
    out += [(m.group(), "dated") for m in _SOURCE_YEAR_RE.finditer(text)]
    # whom the source honoured (大会对…工会工作模范单位和优秀个人进行了表彰): the user's
    # meeting honours its own
    for m in _HONOURED_RE.finditer(text):
        who = m.group("who") or m.group("title")
        if "{" not in who and not _ANY_HONOUREES_RE.match(who):
            out.append((who, "honoured"))
    # what a cited source said (【核：党的报告】明确指出，要…): its words, not only its name
    for cited, kind in out[:]:
        if kind in _CITING_KINDS and cited in text:
            out += [(quoted, "quote") for quoted in _quoted_after(text, cited)]
    return out


def _specifics_to_check(
    phrase: Phrase, values: Mapping[str, str], level: str | None
) -> list[tuple[str, str]]:
    own = [v for v in values.values() if v]
    year = int(values["year"]) if values.get("year", "").isdigit() else None
    out = []
    for specific in phrase.specifics:
        # 全市 for a city's speaker, but not in what the source said its city achieved
        claim = specific.kind == "level" and _claims(phrase, specific.text)
        if not claim and any(specific.text in value for value in own):
            continue  # the user's own name or place
        if specific.kind == "level" and not claim and level_word_fits(specific.text, level):
            continue
        if specific.kind == "dated" and year is not None and _plan_covers(specific.text, year):
            continue  # “十五五” in a speech of 2026 is the user's own plan period
        out.append((specific.text, specific.kind))
    return out


_CITING_KINDS = frozenset({"campaign", "redaction", "dated", "person", "org"})
# After a cited source: a verb of saying, then a quotation or the rest of the sentence.
_SAYS_RE = compile_later(
    r"[^。！？，“”]{0,12}?(?:明确指出|指出|强调|明确|要求)[，：:]\s*"
    r"(?:“(?P<q>[^“”]{4,400})”|(?P<s>[^。！？“”]{4,400}))"
)


def _quoted_after(text: str, cited: str) -> list[str]:
    """What ``text`` reports ``cited`` as saying: a quotation, or the rest of the sentence."""
    out = []
    at = text.find(cited)
    while at >= 0:
        m = _SAYS_RE.match(text, at + len(cited))
        if m:
            out.append(m.group("q") or m.group("s"))
        at = text.find(cited, at + len(cited))
    return out


# A sentence that states what was achieved or how things stand (我市…覆盖面已取得了很大进展),
# not what is to be done (全市各级工会要…).
_RESULT_RE = compile_later(
    r"取得了|已经|已取得|已达|达到了|实现了|完成了|位居|居全[国省市]|排名|覆盖面[^。！？]{0,6}(?:达|为|已)"
)
_TASK_RE = compile_later(r"要|必须|应当|务必|力争|确保|努力|希望|将")
_SENTENCE_RE = compile_later(r"[^。！？]*[。！？]?")


def _claims(phrase: Phrase, word: str) -> bool:
    """Whether a sentence of ``phrase`` with ``word`` reports a result of its source's."""
    text = phrase.all_text()
    if not _RESULT_RE.search(text):
        return False
    return any(
        word in s and _RESULT_RE.search(s) and not _TASK_RE.search(s) for s in _SENTENCE_RE.findall(text)
    )


_HONOURED_RE = compile_later(
    r"(?:对|向)(?P<who>[^，。！？、（）“”]{4,30}?)(?:进行了?|予以|给予)(?:表彰|表扬|奖励)"
    r"|授予(?P<title>[^，。！？]{2,30}?)(?:称号|荣誉称号)"
)
_ANY_HONOUREES_RE = compile_later(r"(?:受到表彰的|受表彰的|获奖的|全体|各位|这些|他们|大家)")
# …with the rest of its sentence: what that year brought is the source's claim, not only its date
_SOURCE_YEAR_RE = compile_later(
    r"(?:今年以来|去年以来|年初以来|今年上半年|今年前[一二三四五六七八九十]+个?月)[^。！？；“”]{0,120}"
)


_PLAN_RE = compile_later(r"^“?十([一二三四五六]?)五”?(?:时期|期间)?$")
_PLAN_DIGITS = {"": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}


def _plan_covers(text: str, year: int) -> bool:
    """A five-year plan's name (十一五 … 十六五) whose years hold ``year``."""
    m = _PLAN_RE.match(text)
    if not m:
        return False
    first = 2006 + 5 * (_PLAN_DIGITS[m.group(1)] - 1) if m.group(1) else 2001  # 十五: 2001–2005
    return first <= year < first + 5


def mark(raw: str, checks: list[tuple[str, str]]) -> tuple[str, list[str]]:
    """``raw`` (a phrase's text, slots unfilled) with each check wrapped, and the
    texts wrapped, in order; never inside a ``{slot}``. What an anonymised source
    left blank (``20××年``) is a blank for the writer to fill: it is shown as one
    (``【20××年】``), not as a fact to check, and not returned."""
    if not checks:
        return raw, []
    slots = [(m.start(), m.end()) for m in _SLOT_RE.finditer(raw)]
    spans: list[tuple[int, int]] = []
    for text in sorted({t for t, _ in checks}, key=len, reverse=True):
        for m in re.finditer(re.escape(text), raw):
            start, end = m.span()
            if any(start < e and s < end for s, e in slots + spans):
                continue
            spans.append((start, end))
    if not spans:
        return raw, []
    spans.sort()
    out, last, marked = [], 0, []
    for start, end in spans:
        blank = "××" in raw[start:end]
        out.append(raw[last:start] + (_BLANK_OPEN if blank else _OPEN) + raw[start:end])
        out.append(_BLANK_CLOSE if blank else _CLOSE)
        if not blank:
            marked.append(raw[start:end])
        last = end
    out.append(raw[last:])
    return "".join(out), marked


# The source's own place and organisation, made slots at mining: filled with the
# user's, a sentence a province said of itself would say it of the user's city.
_OWN_NAME_SLOT_RE = compile_later(r"\{(?:place|org)\}")
_OWN_PLACE_SLOT_RE = compile_later(r"\{place\}")


def mark_own_names(
    raw: str, phrase: Phrase, level: str | None, given: Container[str] = ("place", "org")
) -> tuple[str, list[str]]:
    """``raw`` with its ``{place}`` and ``{org}`` marked to check where the phrase's
    speaker is another body than a union (a union's speech fits any union): in
    every phrase of another level, in the points of the same level; only a slot
    ``given`` a value (one left blank, 【地方】, asks for the writer's own already).
    Returns the names marked, each slot as written."""
    source = phrase.speaker_level
    if "{" not in raw or source in (None, "union"):
        return raw, []
    # another level's own names, anywhere; the same level's place in a point, where it
    # says what that place has or will build (建成开放{place}大歌剧院), not in a formula
    # (its {org} there is the body it addresses: {org}要带头转变作风)
    pattern = _OWN_NAME_SLOT_RE
    if source == level:
        if phrase.kind != "point":
            return raw, []
        pattern = _OWN_PLACE_SLOT_RE
    found: list[str] = []

    def wrap(m: re.Match[str]) -> str:
        if m.group()[1:-1] not in given:
            return m.group()
        found.append(m.group())
        return _OPEN + m.group() + _CLOSE

    return pattern.sub(wrap, raw), found


WHOLE_POINT_NOTE = "整条借自"  # how the note on a point borrowed whole begins
# Who gave a speech that is no union's, by its speaker's level as mined.
_SPEAKERS = {
    "national": "国家领导人",
    "province": "省级",
    "city": "市级",
    "county": "县级",
    "department": "部门",
    "enterprise": "企业",
}


# What a union's speech is about: a point that names none of it is another body's work.
_UNION_MATTER_RE = compile_later("工会|职工|劳动者|工人|劳模|劳动模范|农民工")


def _on_union_matter(point: Phrase) -> bool:
    """Its heading names a union's matter, or its body does more than in passing
    (a province's innovation chapter says 产业工人 once)."""
    heading = point.heading or point.text
    return bool(_UNION_MATTER_RE.search(heading)) or len(_UNION_MATTER_RE.findall(point.all_text())) >= 2


def borrowed_from(phrase: Phrase, values: Mapping[str, str]) -> str | None:
    """What a union's draft must say of a point borrowed whole from a government's,
    a head of state's or a company's speech that says nothing of workers or
    unions: the point is that body's own work (财税, 自贸区, 两岸), which no name or
    figure in it gives away. None where the draft is no union's, the speaker's
    level is unknown or a union's, or the point is on a union's matter."""
    if phrase.kind != "point" or "工会" not in values.get("org", ""):
        return None
    who = _SPEAKERS.get(phrase.speaker_level or "")
    if who is None or _on_union_matter(phrase):
        return None
    if phrase.speaker_level == "national":
        speech = "的讲话"
    elif phrase.occasion == "report":
        speech = "政府工作报告"
    else:
        speech = "的讲话" if phrase.speaker_level == "enterprise" else "讲话"
    return f"{WHOLE_POINT_NOTE}{who}{speech}，请按本会实际改写"


# The note on a point borrowed whole, its words (group 1) within the mark.
WHOLE_POINT_NOTE_RE = compile_later(
    re.escape(CHECK_OPEN) + "(" + re.escape(WHOLE_POINT_NOTE) + "[^【】]*)" + re.escape(CHECK_CLOSE)
)


def without_notes(text: str) -> str:
    """``text`` as read out: a note on a point borrowed whole is for the writer only."""
    return WHOLE_POINT_NOTE_RE.sub("", text) if WHOLE_POINT_NOTE in text else text


def finish(filled: str) -> str:
    """Turn the working marks into the visible ``【核：…】`` and blanks ``【…】``."""
    filled = filled.replace(_BLANK_OPEN, "【").replace(_BLANK_CLOSE, "】")
    return filled.replace(_OPEN, CHECK_OPEN).replace(_CLOSE, CHECK_CLOSE)


def unmarked(text: str) -> str:
    """A marked text as the source wrote it (for tests and length)."""
    return CHECK_RE.sub(lambda m: m.group(1), text)


def slot_names(raw: str) -> list[str]:
    return slots_in(raw)
