"""The two joints of a speech: the transition that announces the points, and
the closing that wraps the speech up after them.

The closing is what follows the last point from a wrap-up cue on: an address
(``同志们！``, ``各位代表，``), ``最后，``, ``让我们…``, thanks, good wishes, or a
final call (``…而努力奋斗！``). It is taken from the end backwards, one
paragraph at a time, so that a long paragraph of substance that merely starts
with ``各位代表，`` stays with the body; in text with no line breaks it is
found sentence by sentence. A speech with no points still has one: its last
paragraphs (or sentences) of calls, wishes and thanks.
"""

from __future__ import annotations

import re

from speechkit.reading import cues
from speechkit.reading.outline import Para, Speech

# A closing paragraph ends in a call or wish (！), or calls on the audience
# (让我们), or is short; a longer paragraph ending in 。 is substance ("各位代表，
# …要坚守政治忠诚，…。要…。"), whatever its start.
_CLOSING_PARAGRAPH_MAX = 200
# A speech with no points closes in its last few sentences, not its last half.
_UNBROKEN_CLOSING_SHARE = 0.4
_UNBROKEN_CLOSING_MAX = 900

_SENTENCE_RE = re.compile(r"[。！？；：]+[”’）]?")


_BRACKETED_RE = re.compile(r"【[^【】]*】")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of ``text``, end marks included; what
    stands in 【】 (a placeholder, a mark to check) is one word, whatever it holds."""
    masked = _BRACKETED_RE.sub(lambda m: "【" + "字" * (len(m.group()) - 2) + "】", text)
    spans = []
    start = 0
    for m in _SENTENCE_RE.finditer(masked):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def is_wishes(text: str) -> bool:
    """Nothing but greetings, wishes or thanks, each ending in ！"""
    parts = [text[a:b] for a, b in sentences(text)]
    return bool(parts) and all(p.endswith("！") and cues.FORMULA_RE.search(p) for p in parts)


def _is_thanks(text: str) -> bool:
    return bool(cues.THANKS_RE.fullmatch(text.strip()))


def _is_final_call(text: str) -> bool:
    return bool(cues.FINAL_CALL_RE.search(text))


def _strong(text: str) -> bool:
    return bool(cues.ADDRESS_RE.match(text) or cues.CLOSING_SENTENCE_RE.match(text))


def opens_closing(text: str) -> bool:
    """A paragraph or sentence that may start the closing."""
    return bool(
        _strong(text)
        or cues.CLOSING_PARAGRAPH_RE.match(text)
        or is_wishes(text)
        or _is_thanks(text)
        or _is_final_call(text)
    )


# Sentences that tell the audience what to do: a paragraph of them is work, not a wrap-up.
_DIRECTIVE_RE = re.compile(r"(?:^|(?<=[。！？；]))(?:要|必须|务必|坚持|加强)")


def _closing_like(text: str) -> bool:
    if is_wishes(text) or _is_thanks(text):
        return True
    if not opens_closing(text):
        return False
    if text.endswith("！") or "让我们" in text:
        return True
    return len(text) <= _CLOSING_PARAGRAPH_MAX and len(_DIRECTIVE_RE.findall(text)) < 2


def find_closing(speech: Speech) -> None:
    """Move the closing out of the last point's body (or the opening, for a
    speech without points) into ``speech.closing``."""
    if not speech.points:
        _closing_without_points(speech)
        return
    last = speech.points[-1].walk()[-1]
    body = last.body
    # Text on the heading's own line is the point's. A paragraph right under a
    # bare heading opens the closing only on a strong cue ("同志们，", "让我们").
    first = 1 if last.glued else 0
    k = _closing_start(body, first)
    if k == first and k < len(body) and not (_strong(body[k].text) or _closing_like(body[k].text)):
        k += 1
    while k < len(body) and not opens_closing(body[k].text):
        k += 1
    if k < len(body):
        speech.closing = body[k:]
        del body[k:]
        return
    if body:
        _closing_in_last_paragraph(speech, body)


def _closing_in_last_paragraph(speech: Speech, body: list[Para]) -> None:
    """No line breaks: the closing starts at the first strong wrap-up sentence
    inside the last paragraph (an address, 让我们, 最后，祝…, thanks)."""
    para = body[-1]
    for m in re.finditer(r"(?<=[。！？])", para.text):
        rest = para.text[m.end() :]
        if rest and _strong(rest):
            kept = para.text[: m.end()].strip()
            if len(body) == 1 and not kept:
                return
            speech.closing = [Para(rest, para.line)]
            if kept:
                body[-1] = Para(kept, para.line)
            else:
                body.pop()
            return


def _closing_start(paras: list[Para], first: int) -> int:
    """Where the trailing run of closing paragraphs starts (``len(paras)``: none).

    An address alone (``女士们、先生们、朋友们！``) opens the closing even when a
    short paragraph of substance follows it before the wishes and thanks."""
    k = len(paras)
    while k > first and _closing_like(paras[k - 1].text):
        k -= 1
    for j in range(k - 1, max(first, k - 3) - 1, -1):
        if not cues.ADDRESS_ALONE_RE.fullmatch(paras[j].text):
            continue
        if all(len(p.text) <= _CLOSING_PARAGRAPH_MAX for p in paras[j:k]):
            return j
    return k


def _closing_without_points(speech: Speech) -> None:
    opening = speech.opening
    k = max(_closing_start(opening, 1), 1)
    while k < len(opening) and not opens_closing(opening[k].text):
        k += 1
    if k < len(opening):
        speech.closing = opening[k:]
        del opening[k:]
        return
    if opening:
        _unbroken_closing_without_points(speech)


def _unbroken_closing_without_points(speech: Speech) -> None:
    """One long paragraph and no points: the closing is its last stretch from
    a wrap-up sentence on, when that stretch is short and ends in a call,
    wishes or thanks."""
    para = speech.opening[-1]
    text = para.text
    spans = sentences(text)
    if len(spans) < 3 or not opens_closing(text[spans[-1][0] :].strip()):
        return
    floor = len(text) - min(_UNBROKEN_CLOSING_MAX, int(len(text) * _UNBROKEN_CLOSING_SHARE))
    for start, _ in spans[1:]:
        if start < floor:
            continue
        rest = text[start:].strip()
        if _strong(rest) or cues.CLOSING_PARAGRAPH_RE.match(rest):
            speech.closing = [Para(rest, para.line)]
            speech.opening[-1] = Para(text[:start].strip(), para.line)
            return


def find_transition(speech: Speech) -> None:
    """The sentence announcing the points, at the end of the opening."""
    if not speech.points or not speech.opening:
        return
    last = speech.opening[-1]
    for s_start, s_end in reversed(sentences(last.text)[-2:]):
        s_start += len(last.text[s_start:s_end]) - len(last.text[s_start:s_end].lstrip())
        sentence = last.text[s_start:s_end]
        cue = cues.TRANSITION_CUE_RE.search(sentence)
        if not cue:
            continue
        starts = [m.start() for m in cues.TRANSITION_START_RE.finditer(sentence, 0, cue.start())]
        begin = s_start + (starts[-1] if starts else 0)
        speech.transition = Para(last.text[begin:].strip(), last.line)
        before = last.text[:begin].strip()
        if before and before[-1] in "，、":
            before = before[:-1] + "。"  # the sentence now ends where the transition began
        if before:
            speech.opening[-1] = Para(before, last.line)
        else:
            speech.opening.pop()
        return
