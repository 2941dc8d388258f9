"""What stands around a speech but is not part of it: the title block before
it (title, subtitle, date line, byline, a news lead) and the back matter
after it (notes, glossaries, annexes, a web page's own links and buttons).

Texts copied from the web glue the title block to the salutation on one line:
``共抗疫情——在…论坛的致辞（2020年11月12日，北京）中华人民共和国主席 某某尊敬的…：``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from speechkit.reading import cues

_DASHES = "—―–─"
_DATE = r"(?:19|20)[0-9]{2}年[0-9]{1,2}月(?:[0-9]{1,2}日)?"

# A subtitle, date or byline line under a title.
_SUBTITLE_RE = re.compile(rf"^(?:[{_DASHES}]{{1,2}}|[（(]|{_DATE}|[0-9]{{1,2}}月[0-9]{{1,2}}日[在于])")

# Where a title ends inside a glued title block: a dash, a ※ byline, or a
# bracketed date with a byline after it (a date that ends the block stays).
_TITLE_STOP_RE = re.compile(rf"[{_DASHES}]{{1,2}}|※|[（(]{_DATE}[^）)]*[）)](?=.)")

# A title block may hold a subtitle, a date and a byline, never a sentence.
_HEADER_MAX = 300


_FULL_DATE_RE = re.compile(r"(?:19|20)[0-9]{2}年[0-9]{1,2}月(?:[0-9]{1,2}日)?")
_YEAR_RE = re.compile(r"(?:19|20)[0-9]{2}年")


def date_in(block: str) -> str | None:
    """The date a title block gives (``2026年1月26日``), else the year it names."""
    m = _FULL_DATE_RE.search(block) or _YEAR_RE.search(block)
    return m.group() if m else None


# "——在某某大会上的讲话": where and at what the speech was given.
_OCCASION_LINE_RE = re.compile(
    r"在(?P<event>[^。！？；：，（）()]{2,60}?)(?:开幕式|闭幕式)?上(?:的(?:讲话|致辞|发言|报告|主旨演讲|演讲|讲稿))?"
)


def event_in(block: str) -> str | None:
    """The meeting a subtitle names: 在(二十国集团领导人第十五次峰会)上的讲话."""
    m = _OCCASION_LINE_RE.search(block)
    return m.group("event") if m else None


def is_subtitle(line: str) -> bool:
    """A date, byline or "——在…上的讲话" line right under a title."""
    if len(line) > 80 or any(ch in line for ch in "。！？；"):
        return False
    return bool(_SUBTITLE_RE.match(line))


@dataclass
class GluedHeader:
    title: str | None
    body: int  # where the speech itself starts in the line: its salutation, or its first words
    date: str | None = None
    event: str | None = None


def title_of_block(block: str) -> str | None:
    """The main title inside a title block (without subtitle, date and byline)."""
    stop = _TITLE_STOP_RE.search(block)
    title = (block[: stop.start()] if stop else block).strip()
    return title if 2 <= len(title) <= 60 else None


_BYLINE_NAME_RE = re.compile(r"※([\u4e00-\u9fff]{2,3})")
# Words a body sentence often starts with, right after a byline's name.
_BODY_START = set("今我这在当近党同各一二三中全大首")


def split_glued_header(line: str) -> GluedHeader | None:
    """A title block glued to the start of the speech on one line, if ``line``
    starts with one: a salutation after an unpunctuated title block, or a
    ``※name`` byline (``标题※某某今天，…``)."""
    head = line[:_HEADER_MAX]
    sentence_end = re.search("[。！？]", head)
    limit = sentence_end.start() if sentence_end else len(head)
    salutation = cues.STRICT_SALUTATION_RE.search(head, 0, limit + 1)
    if salutation and salutation.start() > 0:
        start = salutation.start()
        # The byline's name runs into the first item: "…主席 某某尊敬的…总统，"
        lead = _ADDRESS_LEAD_RE.search(head, start, salutation.end())
        first_item_end = re.search("[、，：]", head[start:]).start() + start  # type: ignore[union-attr]
        if lead and lead.start() < first_item_end:
            start = lead.start()
        elif " " in head[max(0, start - 6) : start]:
            # "…省长 某某同胞们，": the name of a byline glued to a plain address
            plural = cues.PLURAL_RE.search(head, start, first_item_end)
            if plural and plural.start() - start <= 3:
                start = plural.start()
        block = head[:start]
        if _looks_like_title_block(block):
            return GluedHeader(title_of_block(block), start, date_in(block), _subtitle_event(block))
    byline = _BYLINE_NAME_RE.search(head, 0, limit)
    if byline and byline.start() >= 4:
        name_end = byline.end()
        if head[name_end - 1] in _BODY_START:  # a two-character name
            name_end -= 1
        return GluedHeader(title_of_block(head[: byline.start()]), name_end, date_in(head[: byline.start()]))
    return None


_ADDRESS_LEAD_RE = re.compile(r"尊敬的|亲爱的|各位|全体|在座")
_SPEECH_WORDS_RE = re.compile(r"讲话|致辞|演讲|发言|贺词|报告")


def _subtitle_event(block: str) -> str | None:
    stop = _TITLE_STOP_RE.search(block)
    return event_in(block[stop.start() :]) if stop else None


def _looks_like_title_block(block: str) -> bool:
    """Title, subtitle, date and byline: no sentence in it, and marked as a
    title block by a dash, a bracketed date or the name of a speech."""
    if len(block) < 4 or any(ch in block for ch in "。！？；："):
        return False
    stop = _TITLE_STOP_RE.search(block)
    if stop:
        return "，" not in block[: stop.start()] or stop.start() <= 40
    return "，" not in block and bool(_SPEECH_WORDS_RE.search(block))


# Back matter: what follows a speech on the page it was copied from.
_BACK_MATTER_RE = re.compile(
    r"^(?:附件\s*[0-9一二三四五六七八九十]*[：:]?$|附\s*件$|注\s*释[：:]?$|注[：:]$|名词解释|.{0,20}名词解释$|"
    r"责任编辑|扫一扫|打印本页|关闭窗口|相关附件|相关链接|相关文档|分享到|【\s*打印|【\s*关闭|来源[：:]|编辑[：:]|"
    r"上一篇|下一篇|》》|点击(?:图片|进入|查看|这里)|收藏$|［[0-9]+］|\[[0-9]+\])"
)


def is_back_matter(line: str) -> bool:
    """A line that starts the notes, annexes or page furniture after a speech."""
    return bool(_BACK_MATTER_RE.match(line))
