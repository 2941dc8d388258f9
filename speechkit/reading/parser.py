"""Parse speeches: text → documents → speeches → Outline.

A title line starts a document; a salutation (``同志们：``) starts a speech,
also in the middle of a document. Inside a speech:

* block headings (``一、`` ``（一）`` ``1.`` ``（1）`` ``①``) are found at the
  start of a line, or in the middle of one right after 。！？；： (texts copied
  from the web may have no line breaks at all). A mid-line marker only counts
  when it continues the open numbering or starts a new level at 1, so that
  a stray "3." in a sentence is left alone;
* in-paragraph sequences (``一是…二是…``, ``第一，…第二，…``,
  ``首先…其次…最后…``) become the children of the point they sit in, or the
  top level of a speech that has no block headings;
* the transition is the sentence announcing the points; the closing is what
  follows the last point from the first wrap-up sentence on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from speechkit.reading import cues, sequences, wrapup
from speechkit.reading.frontmatter import date_in, event_in, is_back_matter, is_subtitle, split_glued_header
from speechkit.reading.markers import (
    BLOCK_MARKER_RE,
    INLINE_MARKER_RE,
    INLINE_MARKERS,
    read_block_marker,
    read_inline_marker,
)
from speechkit.reading.normalise import HAN_RE, NormText, normalise, tidy
from speechkit.reading.outline import FileOutline, Para, Point, Speech
from speechkit.reading.patterns import Skipping

# ---------------------------------------------------------------- raw items


@dataclass
class _Heading:
    style: str
    number: int
    depth: int
    text: str  # after the marker, with any glued body
    start: int  # offset of the marker in the normalised text
    body_start: int  # offset of ``text``


@dataclass
class _Text:
    text: str
    start: int


@dataclass
class _Level:
    style: str
    number: int


@dataclass
class _SpeechDraft:
    title: str | None
    date: str | None = None
    event: str | None = None
    header: str = ""
    salutation: _Text | None = None
    items: list[_Heading | _Text] = field(default_factory=list)
    stack: list[_Level] = field(default_factory=list)
    start: int | None = None

    def has_content(self) -> bool:
        return bool(self.items)

    def text(self) -> str:
        return "".join(item.text for item in self.items)

    def is_preamble(self) -> bool:
        """A few lines of plain text with no points: what may stand between
        a title block and the salutation (a news lead, an editor's note)."""
        return (
            len(self.items) <= 3
            and all(isinstance(item, _Text) for item in self.items)
            and sum(len(item.text) for item in self.items) <= 400
        )

    def is_annex(self) -> bool:
        """A titled list with no salutation whose title is not a speech's
        ("2026年民生实事" and its 1.–10.): an annex printed after the speech."""
        return (
            self.salutation is None
            and self.title is not None
            and not _TITLE_WORDS_RE.search(self.title)
            and any(isinstance(item, _Heading) for item in self.items)
        )


def _accept(stack: list[_Level], style: str, number: int, line_start: bool) -> int | None:
    """Depth for a block marker, or None when it does not fit the numbering.

    At a line start the author put the marker there: it counts even out of
    sequence. In mid-line it must continue an open level or open a new one at 1.
    """
    for depth, level in enumerate(stack):
        if level.style == style:
            if number == level.number + 1 or line_start:
                return depth
            return None
    if number == 1 or line_start:
        return len(stack)
    return None


_BOUNDARY_CHARS = "。！？；："
_BOUNDARY_RE = re.compile(f"[{_BOUNDARY_CHARS}]")


def _boundaries(line: str) -> list[int]:
    """Positions in ``line`` where a heading or a salutation may begin: the
    start, after a sentence end, and before a parenthesised marker glued to
    the text before it (texts with no line breaks: "…整治（一）抓好…")."""
    out = {0}
    for m in _BOUNDARY_RE.finditer(line):
        b = m.end()
        if b < len(line) and line[b] == " ":
            b += 1
        if b < len(line):
            out.add(b)
    for m in _GLUED_MARKERS.finditer(line):
        out.add(m.start())
    return sorted(out)


# （一）/（1） right after a Chinese character and before a heading's words.
_GLUED_MARKER_RE = re.compile(
    r"(?<=[\u4e00-\u9fff])[（(](?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})[）)](?=[\u4e00-\u9fff]{4})(?![项款条目])"
)
_GLUED_MARKERS = Skipping(_GLUED_MARKER_RE)
_GLUED_BODY = Skipping(cues.GLUED_BODY_RE)


def _is_title(line: str) -> bool:
    if not (2 <= len(line) <= 60) or not HAN_RE.search(line):
        return False
    if any(ch in line for ch in "。！？；：，") or line[-1] in "、…":
        return False
    if cues.NOT_A_TITLE_RE.match(line) or BLOCK_MARKER_RE.match(line):
        return False
    return INLINE_MARKER_RE.match(line) is None


class _Builder:
    def __init__(self) -> None:
        self.speeches: list[_SpeechDraft] = []
        self.current: _SpeechDraft | None = None
        self.title: str | None = None
        self.date: str | None = None
        self.event: str | None = None
        self.header: list[str] = []  # the title block as written
        self.document_lines = 0  # content lines since the title

    def start_document(
        self, title: str, date: str | None = None, event: str | None = None, block: str | None = None
    ) -> None:
        self.header = [block or title]
        self.title = title
        self.date = date or date_in(title)
        self.event = event or event_in(title)
        self.current = None
        self.document_lines = 0

    def header_line(self, line: str) -> None:
        """A subtitle, date or byline under the title: a full date there wins."""
        found = date_in(line)
        if found and (self.date is None or len(found) > len(self.date)):
            self.date = found
        self.event = self.event or event_in(line)
        self.header.append(line)

    def end_speech(self) -> None:
        """What follows belongs to no speech until a new one starts."""
        self.current = None

    def speech(self) -> _SpeechDraft:
        if self.current is None:
            self.current = _SpeechDraft(self.title, self.date, self.event, "\n".join(self.header))
            self.speeches.append(self.current)
        return self.current

    def salutation(self, text: str, start: int) -> None:
        cur = self.current
        if cur is not None and cur.salutation is None and cur.is_preamble() and self.document_lines <= 4:
            cur.items.clear()  # a news lead or note between the title and the salutation
            cur.start = None
        if cur is None or cur.has_content() or cur.salutation is not None:
            cur = _SpeechDraft(self.title, self.date, self.event, "\n".join(self.header))
            self.speeches.append(cur)
            self.current = cur
        cur.salutation = _Text(text, start)
        cur.start = start

    def content_line(self, line: str, offset: int) -> None:
        self.document_lines += 1
        if cues.SALUTATION_LINE_RE.fullmatch(line) and (
            self.current is None or not self.current.has_content()
        ):
            self.salutation(line, offset)  # "同志们！" alone on the first line of a speech
            return
        pos = 0
        last_colon = line.rfind("：")  # every salutation but an uncoloned run ends in one
        for b in _boundaries(line):
            if b < pos:
                continue
            after_sentence = b == 0 or line[b - 1 if line[b - 1] != " " else b - 2] in "。！？"
            if after_sentence:
                sal = (
                    (b < last_colon and cues.SALUTATION_RE.match(line, b))
                    or (b < last_colon and cues.STRICT_SALUTATION_RE.match(line, b))
                    or (
                        cues.UNCOLONED_SALUTATION_RE.match(line)
                        if b == 0 and self._at_speech_start()
                        else None
                    )
                )
                if sal and (
                    sal.end() == len(line)
                    or b > 0
                    or sal.end() - b <= 30
                    or cues.STRICT_SALUTATION_RE.fullmatch(sal.group())
                    or sal.re is cues.UNCOLONED_SALUTATION_RE
                ):
                    self._text(line[pos:b], offset + pos)
                    self.salutation(sal.group(), offset + b)
                    pos = sal.end()
                    continue
            m = BLOCK_MARKER_RE.match(line, b)
            if not m:
                continue
            read = read_block_marker(m)
            if read is None or m.end() >= len(line):
                continue
            style, number = read
            cur = self.speech()
            glued = b > 0 and line[b - 1] not in _BOUNDARY_CHARS + " "
            if glued and not cur.stack:
                continue
            depth = _accept(cur.stack, style, number, line_start=b == 0)
            if depth is None:
                continue
            self._text(line[pos:b], offset + pos)
            cur.stack[depth:] = [_Level(style, number)]
            end = self._next_heading_end(line, m.end(), cur.stack)
            cur.items.append(
                _Heading(style, number, depth, line[m.end() : end], offset + b, offset + m.end())
            )
            if cur.start is None:
                cur.start = offset + b
            pos = end
        self._text(line[pos:], offset + pos)

    def _at_speech_start(self) -> bool:
        return self.current is None or not self.current.has_content()

    def _next_heading_end(self, line: str, begin: int, stack: list[_Level]) -> int:
        """Where the text of a heading (and its glued body) stops: the next
        mid-line marker that would be accepted, or the end of the line."""
        for b in _boundaries(line):
            if b <= begin:
                continue
            if line[b - 1 if line[b - 1] != " " else b - 2] in "。！？" and cues.SALUTATION_RE.match(line, b):
                return b
            m = BLOCK_MARKER_RE.match(line, b)
            if not m or m.end() >= len(line):
                continue
            read = read_block_marker(m)
            if read and _accept(stack, read[0], read[1], line_start=False) is not None:
                return b
        return len(line)

    def _text(self, text: str, start: int) -> None:
        stripped = text.strip()
        if not stripped:
            return
        start += len(text) - len(text.lstrip())
        cur = self.speech()
        cur.items.append(_Text(stripped, start))
        if cur.start is None:
            cur.start = start


def _lines(text: str) -> list[tuple[int, str]]:
    """Non-empty lines with their offsets; a Markdown heading's "#"s are not text."""
    out = []
    offset = 0
    for raw_line in text.split("\n"):
        stripped = (
            raw_line.strip().lstrip("#").strip() if raw_line.lstrip().startswith("#") else raw_line.strip()
        )
        if stripped:
            out.append((offset + raw_line.index(stripped[0]), stripped))
        offset += len(raw_line) + 1
    return out


_TITLE_END = "讲话|致辞|发言|报告|贺词|演讲|讲稿|动员令|主持词|讲话稿|发言稿|致辞稿|意见"
_TITLE_THEN_SALUTATION = (
    re.compile(
        rf"^(?P<title>[^。！？；：，、]{{2,60}}?(?:{_TITLE_END})(?:[（(][^）)]{{1,30}}[）)])?)"
        rf"(?= ?(?:{cues.SALUTATION_RE.pattern}))"
    ),
    re.compile(rf"^(?P<title>[^。！？；：，、 ]{{2,60}}) (?={cues.SALUTATION_RE.pattern})"),
)


_TITLE_WORDS_RE = re.compile(rf"(?:{_TITLE_END})$|篇[一二三四五六七八九十百零0-9]+$")


def _starts_document(line: str, k: int, lines: list[tuple[int, str]]) -> bool:
    """A title line: short, unpunctuated, and placed like a title — first in the
    file, named like one ("…的讲话", "…篇三"), or followed (after any subtitle
    or byline) by a salutation or a numbered heading. A short line inside a
    speech ("加强党的建设") is not one."""
    if not _is_title(line) or cues.SALUTATION_RE.fullmatch(line):
        return False
    if k == 0 or _TITLE_WORDS_RE.search(line):
        return True
    for _, following in lines[k + 1 : k + 4]:
        if is_subtitle(following) or (_is_title(following) and len(following) <= 30):
            continue
        return bool(cues.SALUTATION_RE.match(following) or BLOCK_MARKER_RE.match(following))
    return False


def _scan(nt: NormText) -> list[_SpeechDraft]:
    builder = _Builder()
    lines = _lines(nt.text)
    in_header = False
    in_back_matter = False
    for k, (offset, line) in enumerate(lines):
        next_line = lines[k + 1][1] if k + 1 < len(lines) else None
        if in_header and (
            is_subtitle(line) or (_is_title(line) and len(line) <= 30) or line == builder.title
        ):
            builder.header_line(line)
            continue  # a subtitle, date or byline under the title, or the title again
        in_header = False
        if is_back_matter(line):
            in_back_matter = True
            builder.end_speech()
            continue
        if next_line is not None and _starts_document(line, k, lines):
            if in_back_matter and not cues.SALUTATION_RE.match(next_line):
                continue  # a heading of the notes or annexes
            builder.start_document(line)
            in_header = True
            in_back_matter = False
            continue
        if in_back_matter:
            continue
        if builder.current is None:
            glued = split_glued_header(line)
            if glued is not None:
                if glued.title:
                    builder.start_document(glued.title, glued.date, glued.event, line[: glued.body])
                offset, line = offset + glued.body, line[glued.body :]
        for pattern in _TITLE_THEN_SALUTATION:
            m = pattern.match(line)
            if m and _is_title(m.group("title")):
                builder.start_document(m.group("title"))
                rest = len(line) - len(line[m.end() :].lstrip())
                offset, line = offset + rest, line[rest:]
                break
        builder.content_line(line, offset)
    return _without_repeats([s for s in builder.speeches if s.has_content() or s.salutation])


def _without_repeats(drafts: list[_SpeechDraft]) -> list[_SpeechDraft]:
    """Drop what a web page repeats after a speech (its title and first lines
    again) and annexes that are lists, not speeches."""
    kept: list[_SpeechDraft] = []
    for draft in drafts:
        text = draft.text()
        if kept and (not text or any(text in earlier.text() for earlier in kept)):
            continue
        if kept and draft.is_annex():
            continue
        kept.append(draft)
    return kept


# ------------------------------------------------------------ outline build


def split_heading(text: str) -> tuple[str, str]:
    """Split a heading from a body glued to it, where a careful editor would.

    The heading ends at the first sentence end, at a space between two
    Chinese characters, where a body visibly starts with a time word
    ("…组建工作今年，工会…") or an in-paragraph sequence ("…落到实处第一，要…"),
    after a heading word in an overlong clause ("…的责任感安全生产事关…"),
    or at a colon after a short lead-in.
    """
    cuts: list[tuple[int, int]] = []  # (heading end, body start)
    m = re.search(f"[{cues.HEADING_END}]", text)
    sentence_end = m.start() if m else len(text)
    if m:
        cuts.append((m.start(), m.end()))
    space = re.search(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", text)
    if space:
        cuts.append((space.start(), space.end()))
    glued = _GLUED_BODY.search(text)
    if glued:
        cuts.append((glued.start(), glued.start()))
    for inline in INLINE_MARKERS.finditer(text, 4, sentence_end):
        read = read_inline_marker(inline)
        if read and read[1] == 1 and text[inline.start() - 1] not in "、和与及的":
            cuts.append((inline.start(), inline.start()))
            break
    # a short line that never ends a sentence is all heading, however long its clause
    long_clause = _overlong_clause_cut(text[:sentence_end]) if m or len(text) > _LINE_HEADING_MAX else None
    if long_clause is not None:
        cuts.append((long_clause, long_clause))
    colon = text.find("：")
    if 0 < colon <= 30:
        cuts.append((colon, colon + 1))
    if not cuts:
        return tidy(text.rstrip("，、")), ""
    end, body = min(cuts)
    return tidy(text[:end].rstrip("，、")), tidy(text[body:])


_CLAUSE_MAX = 24  # heading clauses are short; a longer one has a body glued on
_LINE_HEADING_MAX = 40


# A clause that goes on after a heading word is not a new sentence.
_CONTINUES_CLAUSE = set("的、，和与及之地得是为要在中上下也都就才将已能可有于把被让使向对从")


def _overlong_clause_cut(sentence: str) -> int | None:
    """After a heading word in a clause too long for a heading; in a heading that
    names a topic ("关于…工作"), after its head word whatever the length."""
    start = 0
    topic = sentence.startswith("关于")
    for clause in re.split(r"(?<=[，、])", sentence):
        if len(clause) > _CLAUSE_MAX or (topic and start == 0):
            ends = [
                m.end()
                for m in cues.HEADING_FINAL_RE.finditer(clause)
                if m.end() >= 4
                and len(sentence) - start - m.end() >= 6
                and m.end() < len(clause)
                and clause[m.end()] not in _CONTINUES_CLAUSE
            ]
            if ends:
                # a topic runs to its last head word ("关于…工作安排"); elsewhere the first one ends it
                return start + (ends[-1] if topic else ends[0])
        start += len(clause)
    return None


class _Outliner:
    def __init__(self, nt: NormText) -> None:
        self.nt = nt

    def para(self, text: str, start: int) -> Para:
        return Para(tidy(text), self.nt.line_of(start))

    def build(self, draft: _SpeechDraft, index: int) -> Speech:
        start = draft.start if draft.start is not None else 0
        speech = Speech(
            index=index,
            line=self.nt.line_of(start),
            title=draft.title,
            date=draft.date,
            event=draft.event,
            header=draft.header,
        )
        if draft.salutation:
            speech.salutation = self.para(draft.salutation.text, draft.salutation.start)
        path: list[Point] = []
        for item in draft.items:
            if isinstance(item, _Text):
                target = path[-1].body if path else speech.opening
                target.append(self.para(item.text, item.start))
                continue
            heading, body = split_heading(item.text)
            node = Point(item.style, item.number, heading, self.nt.line_of(item.start))
            if body:
                glue = item.body_start + item.text.find(body[:1])
                node.body.append(Para(body, self.nt.line_of(glue)))
                node.glued = True
            del path[item.depth :]
            (path[-1].children if path else speech.points).append(node)
            path.append(node)
        if not speech.points:
            self.inline_top_level(speech)
        else:
            sequences.continue_numbering(speech.points)
            earlier = sequences.runs_under_parts(speech.opening)
            if earlier:
                speech.opening, listed = sequences.split_runs(speech.opening, earlier)
                speech.points[:0] = listed
        sequences.assign_parts(speech.opening, speech.points)
        wrapup.find_closing(speech)
        wrapup.find_transition(speech)
        for node in speech.all_points():
            if not node.children:
                self.inline_children(node)
        return speech

    # -- in-paragraph sequences

    def inline_top_level(self, speech: Speech) -> None:
        runs = sequences.top_level_runs(speech.opening)
        if runs:
            speech.opening, speech.points = sequences.split_runs(speech.opening, runs)

    def inline_children(self, node: Point) -> None:
        runs = sequences.child_runs(node.body)
        if runs:
            node.body, node.children = sequences.split_runs(node.body, runs)


# ------------------------------------------------------------------- public


def outline(
    paths: Sequence[str | os.PathLike[str]], warn: Callable[[str], None] | None = None
) -> list[FileOutline]:
    """The outline of every speech in the corpus files and folders at ``paths``."""
    from speechkit.reading.corpus import read_corpus

    return [FileOutline(f.label, parse_text(f.text)) for f in read_corpus(paths, warn=warn)]


def parse_text(raw: str) -> list[Speech]:
    """All speeches in one file's text, in order, numbered from 1."""
    nt = normalise(raw)
    outliner = _Outliner(nt)
    return [outliner.build(d, i) for i, d in enumerate(_scan(nt), start=1)]
