"""What a speech says of itself in its title block: the year it was given and
its own organisation, place and event — the names a new speech replaces
with its own (``{org}``, ``{place}``, ``{event}``)."""

from __future__ import annotations

import re

from speechkit.mining.gazetteer import BODY_ALIASES, HOST_BODIES
from speechkit.mining.generalise import SpeechContext
from speechkit.reading.outline import Speech

_YEAR_RE = re.compile(r"((?:19|20)[0-9]{2})年")
_HAN = "\u4e00-\u9fff"
# 在郴州市总工会第十三次代表大会上的讲话 / 在全市工会工作会议上的讲话
_EVENT_RE = re.compile(
    rf"^(?:[^在]{{0,12}})?在(?P<event>[{_HAN}0-9“”·（）()]{{4,40}}?)(?:开幕式|闭幕式|开幕会|闭幕会)?上的"
    r"(?:讲话|致辞|发言|报告|主旨演讲|演讲|讲稿)"
)
_ORG_RE = re.compile(
    rf"(?P<org>(?P<place>[{_HAN}]{{2,8}}?(?:省|市|县|区|自治区|自治州))"
    r"(?:总工会|工会|委员会|人民政府|政府|人大常委会|政协))"
)
# 2026年河北省政府工作报告 / 陕西省2026年政府工作报告
_REPORT_PLACE_RE = re.compile(
    rf"(?P<place>[{_HAN}]{{2,10}}?(?:省|市|县|区|自治区|特别行政区))(?:人民)?政府工作报告|"
    rf"^(?P<place2>[{_HAN}]{{2,10}}?(?:省|市|县|区|自治区))(?:[0-9]{{4}}年)?政府工作报告"
)
_GENERIC_PLACE = re.compile(r"^(?:全|我|本|各|该)")
_UNIT_RE = re.compile(r"(?:壮族|回族|维吾尔|藏族)?(?:自治区|自治州|省|市|县|区)$")


def speech_year(speech: Speech) -> int | None:
    for text in (speech.date or "", speech.title or ""):
        m = _YEAR_RE.search(text)
        if m:
            return int(m.group(1))
    return None


_LEADING_YEAR_RE = re.compile(r"^(?:19|20)[0-9]{2}年")
# The body that holds the meeting: 郴州市总工会第十三次代表大会 → 郴州市总工会,
# 二十国集团领导人第十五次峰会 → 二十国集团. A new speech at its own body's
# meeting names its own body there; drafting keeps a head of state's or an
# international body's sentences out of a speech of another seat.
_HOST_RE = re.compile(
    rf"^(?P<host>[{_HAN}]{{2,8}}?(?:省|市|县|区)(?:总工会|工会)|"
    + "|".join(sorted(HOST_BODIES, key=len, reverse=True))
    + ")"
)


def own_names(title: str | None, event_name: str | None = None) -> list[tuple[str, str]]:
    """(text, slot) for the speech's own event, organisation and place, longest first."""
    found: list[tuple[str, str]] = []
    title = _LEADING_YEAR_RE.sub("", title or "")
    event = _EVENT_RE.search(title)
    named_event = event_name or (event.group("event") if event else None)
    if named_event and not _GENERIC_PLACE.match(named_event):
        found.append((named_event, "event"))
        host = _HOST_RE.match(named_event)
        if host and host.group("host") != named_event:
            found.append((host.group("host"), "org"))
            found += [(alias, "org") for alias in BODY_ALIASES.get(host.group("host"), ())]
    org = _ORG_RE.search(title)
    places: list[str] = []
    if org and not _GENERIC_PLACE.match(org.group("place")):
        found.append((org.group("org"), "org"))
        places.append(org.group("place"))
    report = _REPORT_PLACE_RE.search(title)
    if report:
        places.append(report.group("place") or report.group("place2"))
    for place in places:
        if _GENERIC_PLACE.match(place):
            continue
        # the place's own organs: 中共河北省委, 河北省人民政府
        found += [(f"中共{place}委", "org"), (f"{place}委", "org"), (f"{place}人民政府", "org")]
        found.append((place, "place"))
        bare = _UNIT_RE.sub("", place)
        if len(bare) >= 2 and bare != place:
            found.append((bare, "place"))
    seen: set[str] = set()
    unique = [(t, s) for t, s in found if not (t in seen or seen.add(t))]  # type: ignore[func-returns-value]
    return sorted(unique, key=lambda pair: -len(pair[0]))


# The meeting the opening names when no title block does: 值此…年会开幕之际, 很高兴出席…峰会.
_OPENING_EVENT_RE = re.compile(
    rf"(?:值此|在)(?P<a>[{_HAN}0-9“”·]{{4,40}}?(?:大会|会议|峰会|年会|论坛|会晤|座谈会|高级别会议))"
    r"(?:隆重|胜利)?(?:开幕|召开|举行|闭幕)?之际"
    rf"|很高兴(?:出席|参加|来到)(?:今天的|本届|这次)?(?P<b>[{_HAN}0-9“”·]{{4,30}}?(?:峰会|论坛|大会|会议|年会))"
)


def opening_event(speech: Speech) -> str | None:
    head = speech.opening[0].text[:200] if speech.opening else ""
    m = _OPENING_EVENT_RE.search(head)
    return (m.group("a") or m.group("b")) if m else None


def context_of(speech: Speech) -> SpeechContext:
    event = speech.event or opening_event(speech)
    return SpeechContext(speech_year(speech), tuple(own_names(speech.title, event)))
