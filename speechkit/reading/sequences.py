"""In-paragraph sequences: ``一是…二是…``, ``第一，…第二，…``, ``首先…其次…最后…``.

A run is one style numbered 1, 2, … in order. Where a run may start depends
on what it would become:

* the top level of a speech with no block headings: each item starts a
  paragraph, or — in text copied from the web, with no line breaks — each
  item starts a sentence and carries a substantial body, and the first is no
  greeting or thanks ("首先，我谨对…表示感谢！");
* the children of a point: anywhere after punctuation, outside quotations.

Government reports put several lists in a row under unnumbered part titles
("2026年重点工作", then 一是…八是): they are all points, numbered as written,
and each part title goes with the first point under it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from speechkit.reading import cues
from speechkit.reading.markers import INLINE_MARKER_RE, read_inline_marker
from speechkit.reading.outline import Para, Point

# Where a marker may stand, by what precedes it.
PARAGRAPH, SENTENCE, CLAUSE = "paragraph", "sentence", "clause"
_BEFORE = {SENTENCE: "。！？：", CLAUSE: "。；！？：，、 "}

_LONG_ITEM = 80  # characters an item of a top-level run in unbroken text carries at least
_PART_TITLE_MAX = 30


@dataclass
class InlineItem:
    style: str
    number: int
    para: int  # index of the paragraph
    pos: int  # where the marker starts in it
    end: int  # where the marker (and its comma) ends


def _quote_depths(text: str) -> list[int]:
    depth = 0
    out = []
    for ch in text:
        if ch in "“‘《「『":
            depth += 1
        out.append(depth)
        if ch in "”’》」』" and depth:
            depth -= 1
    return out


_WISH_AFTER_RE = re.compile(r"[，,]?(?:预祝|祝|谢谢|再次|让我们)")


def candidates(paras: list[Para], where: str) -> list[InlineItem]:
    found = []
    for k, para in enumerate(paras):
        text = para.text
        depths: list[int] | None = None
        for m in INLINE_MARKER_RE.finditer(text):
            i = m.start()
            if i > 0 and (where == PARAGRAPH or text[i - 1] not in _BEFORE[where]):
                continue
            if depths is None:
                depths = _quote_depths(text)
            if depths[i]:
                continue  # inside a quotation
            read = read_inline_marker(m)
            if read is None:
                continue
            if read == ("首先", 0) and _WISH_AFTER_RE.match(text, m.end()):
                continue  # "最后，预祝…": the closing, not the last item of a sequence
            end = m.end()
            if end < len(text) and text[end] in "，,":
                end += 1
            found.append(InlineItem(read[0], read[1], k, i, end))
    return found


def _runs(found: list[InlineItem]) -> Iterator[list[InlineItem]]:
    """Every run 1, 2, … of one style (at least two items), in order of its first item."""
    for k, first in enumerate(found):
        if first.number != 1:
            continue
        run = [first]
        for cand in found[k + 1 :]:
            if cand.style != first.style:
                continue
            expected = run[-1].number + 1
            if cand.number == expected:
                run.append(cand)
            elif cand.number == 0 and len(run) >= 2:  # 最后 ends a 首先 run
                cand.number = expected
                run.append(cand)
                break
        if len(run) >= 2:
            yield run


def is_part_title(text: str) -> bool:
    """A short unnumbered line that names a part ("2026年重点工作")."""
    return (
        len(text) <= _PART_TITLE_MAX
        and not any(ch in text for ch in "。！？；：，")
        and not cues.TRANSITION_CUE_RE.search(text)
        and not cues.ADDRESS_RE.match(text)
    )


def child_runs(paras: list[Para]) -> list[list[InlineItem]]:
    """The runs that are the children of a point: the first run anywhere, then
    any later run whose first item starts a paragraph after the last one's."""
    runs: list[list[InlineItem]] = []
    for run in _runs(candidates(paras, CLAUSE)):
        if not runs or (run[0].para > runs[-1][-1].para and run[0].pos == 0):
            runs.append(run)
    return runs


def top_level_runs(paras: list[Para]) -> list[list[InlineItem]]:
    """The runs that are a speech's points when it has no block headings."""
    runs: list[list[InlineItem]] = []
    for run in _runs(candidates(paras, PARAGRAPH)):
        if not runs:
            runs.append(run)
        elif run[0].para > max(runs[-1][-1].para, 0) and is_part_title(paras[run[0].para - 1].text):
            runs.append(run)  # a new part restarts the numbering
    if runs:
        return runs
    long_runs = [run for run in _runs(candidates(paras, SENTENCE)) if _is_long(run, paras)]
    if not long_runs:
        return []
    return [max(long_runs, key=lambda run: _reach(run, paras))]


def _offset(paras: list[Para], item: InlineItem) -> int:
    return sum(len(p.text) for p in paras[: item.para]) + item.pos


def _reach(run: list[InlineItem], paras: list[Para]) -> int:
    return sum(len(p.text) for p in paras) - _offset(paras, run[0])


def _is_long(run: list[InlineItem], paras: list[Para]) -> bool:
    """Each item but the last followed by a substantial body, and the first no greeting or thanks."""
    starts = [_offset(paras, item) for item in run]
    if any(b - a < _LONG_ITEM for a, b in itertools.pairwise(starts)):
        return False
    first = run[0]
    text = paras[first.para].text
    sentence_end = re.search("[。！？]", text[first.end :])
    sentence = text[first.pos : first.end + sentence_end.end() if sentence_end else len(text)]
    return not cues.FORMULA_RE.search(sentence)


def split_runs(paras: list[Para], runs: list[list[InlineItem]]) -> tuple[list[Para], list[Point]]:
    """Cut ``paras`` at the items of ``runs``: the text before the first item,
    and one point per item (its heading, then its body up to the next item)."""
    items = [item for run in runs for item in run]
    first_items = {id(run[0]) for run in runs}
    first = items[0]
    before: list[Para] = list(paras[: first.para])
    lead = paras[first.para].text[: first.pos].strip()
    if lead:
        before.append(Para(lead, paras[first.para].line))
    part: str | None = None
    if first.pos == 0 and before and is_part_title(before[-1].text):
        part = before.pop().text
    points: list[Point] = []
    for k, item in enumerate(items):
        nxt = items[k + 1] if k + 1 < len(items) else None
        end_para = nxt.para if nxt else len(paras)
        first_text = paras[item.para].text
        stop = nxt.pos if nxt and nxt.para == item.para else len(first_text)
        chunks = [Para(first_text[item.end : stop], paras[item.para].line)]
        chunks.extend(paras[item.para + 1 : end_para])
        next_part: str | None = None
        if nxt and nxt.para > item.para:
            tail = paras[nxt.para].text[: nxt.pos].strip()
            if tail:
                chunks.append(Para(tail, paras[nxt.para].line))
            elif id(nxt) in first_items and len(chunks) > 1 and is_part_title(chunks[-1].text):
                next_part = chunks.pop().text
        heading, body = split_inline_heading(chunks[0].text)
        node = Point(item.style, item.number, heading, paras[item.para].line, part=part)
        part = next_part
        if body:
            node.body.append(Para(body, chunks[0].line))
            node.glued = True
        node.body.extend(p for p in chunks[1:] if p.text)
        points.append(node)
    return before, points


def split_inline_heading(text: str) -> tuple[str, str]:
    """An item's heading is its first sentence; the rest is its body."""
    m = re.search(r"[。！？；]", text)
    if not m:
        return text.strip().rstrip("，、："), ""
    return text[: m.start()].strip().rstrip("，、："), text[m.end() :].strip()
