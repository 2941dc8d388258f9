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
from speechkit.reading.markers import INLINE_MARKERS, read_inline_marker
from speechkit.reading.outline import Para, Point

# Where a marker may stand, by what precedes it.
PARAGRAPH, SENTENCE, CLAUSE = "paragraph", "sentence", "clause"
_BEFORE = {SENTENCE: "。！？：", CLAUSE: "。；！？：，、 "}

_LONG_ITEM = 50  # characters an item of a top-level run in unbroken text carries at least
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
        for m in INLINE_MARKERS.finditer(text):
            i = m.start()
            after_credit = where != PARAGRAPH and text[i - 2 : i] == "/摄"  # a photo credit glued in
            if i > 0 and (where == PARAGRAPH or text[i - 1] not in _BEFORE[where]) and not after_credit:
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
            expected = run[-1].number + 1
            # 首先…其次…再次… goes on with 第四，第五，… and ends with 最后
            goes_on = first.style == "首先" and cand.style == "第一" and cand.number == expected >= 4
            if cand.style != first.style and not goes_on:
                continue
            if cand.number == 1:
                break  # the numbering restarts: a new list, not this one's next item
            if cand.number == expected:
                run.append(cand)
            elif cand.number == 0 and len(run) >= 2:  # 最后 ends a 首先 run
                cand.number = expected
                run.append(cand)
                break
        if len(run) >= 2:
            yield run


_NOT_IN_PART_TITLE_RE = re.compile(r"我|你|大家|今天|刚才")


def is_part_title(text: str) -> bool:
    """A short unnumbered line that names a part ("2026年重点工作"), not a
    remark ("今天我们开个短会")."""
    return (
        len(text) <= _PART_TITLE_MAX
        and not any(ch in text for ch in "。！？；：，")
        and not cues.TRANSITION_CUE_RE.search(text)
        and not cues.ADDRESS_RE.match(text)
        and not _NOT_IN_PART_TITLE_RE.search(text)
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
    # Unbroken text: the first long run, then later long runs of the same form
    # (a speech in parts, each with its own list).
    for run in _runs(candidates(paras, SENTENCE)):
        if not _is_long(run, paras):
            continue
        later = bool(runs) and _offset(paras, run[0]) > _offset(paras, runs[-1][-1])
        if not runs or (later and run[0].style == runs[0][0].style):
            runs.append(run)
    return runs


def _offset(paras: list[Para], item: InlineItem) -> int:
    return sum(len(p.text) for p in paras[: item.para]) + item.pos


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
    first = items[0]
    before: list[Para] = list(paras[: first.para])
    lead = paras[first.para].text[: first.pos].strip()
    if lead:
        before.append(Para(lead, paras[first.para].line))
    points: list[Point] = []
    for k, item in enumerate(items):
        nxt = items[k + 1] if k + 1 < len(items) else None
        end_para = nxt.para if nxt else len(paras)
        first_text = paras[item.para].text
        stop = nxt.pos if nxt and nxt.para == item.para else len(first_text)
        chunks = [Para(first_text[item.end : stop], paras[item.para].line)]
        chunks.extend(paras[item.para + 1 : end_para])
        if nxt and nxt.para > item.para:
            tail = paras[nxt.para].text[: nxt.pos].strip()
            if tail:
                chunks.append(Para(tail, paras[nxt.para].line))
        heading, body = split_inline_heading(chunks[0].text)
        node = Point(item.style, item.number, heading, paras[item.para].line)
        if body:
            node.body.append(Para(body, chunks[0].line))
            node.glued = True
        node.body.extend(p for p in chunks[1:] if p.text)
        points.append(node)
    return before, points


def runs_under_parts(paras: list[Para]) -> list[list[InlineItem]]:
    """Lists that start right under a part title, each item a paragraph: the
    earlier parts of a report whose later parts have block headings."""
    found = [run for run in top_level_runs(paras) if run[0].pos == 0 and run[0].para > 0]
    return [run for run in found if is_part_title(paras[run[0].para - 1].text)]


def assign_parts(opening: list[Para], points: list[Point]) -> None:
    """Where the top-level numbering restarts, the short line before each
    first item is the title of a part: it goes with that point, not with the
    text before it."""
    starts = [k for k, p in enumerate(points) if p.number == 1]
    if len(starts) < 2:
        return
    for k in starts:
        before = opening if k == 0 else points[k - 1].walk()[-1].body
        if before and is_part_title(before[-1].text):
            points[k].part = before.pop().text


def split_inline_heading(text: str) -> tuple[str, str]:
    """An item's heading is its first sentence; the rest is its body."""
    m = re.search(r"[。！？；]", text)
    if not m:
        return text.strip().rstrip("，、："), ""
    return text[: m.start()].strip().rstrip("，、："), text[m.end() :].strip()


def continue_numbering(points: list[Point]) -> None:
    """``一、…二、…`` then ``第三，…``: a speaker who changes the form of the
    numbers keeps the count. The item is split out of the last point's body as
    the next point, unless that body holds a run of its own from 1."""
    while len(points) >= 2 and [p.number for p in points] == list(range(1, len(points) + 1)):
        last = points[-1]
        found = candidates(last.body, SENTENCE)
        expected = len(points) + 1
        runs_from_one = {c.style for c in found if c.number == 1}
        nxt = next(
            (
                c
                for c in found
                if c.number == expected and c.style in ("第一", "一是") and c.style not in runs_from_one
            ),
            None,
        )
        if nxt is None or (nxt.para == 0 and nxt.pos == 0):
            return  # none, or right under the heading: the point's own words
        before, (point,) = split_runs(last.body, [[nxt]])
        last.body = before
        points.append(point)
