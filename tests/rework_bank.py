"""A small bank and template for the tests of explain, swap and --pin.

Few phrases, so that what may replace a part is known whatever the choice
logic weighs: for a work meeting two other openings fit (a festival's
never), one other transition, two other top-level points (one about 安全生产,
one with a level word to check), one more sub-point of point-p1, one more
closing; the congress salutation never fits.
"""

from __future__ import annotations

from pathlib import Path

TEMPLATE = """\
name: talk
title: 在{org}{event}上的讲话
description: 测试：称呼、开场、过渡、三点意见（各带两个“一是”）、结束语
occasion: [work-meeting]
slots:
  org: {label: 单位名称}
  event: {label: 会议名称, default: 工作会议}
sections:
  - salutation
  - opening: {pick: 1}
  - transition
  - points: {count: 3, style: 一、, children: {count: 2, style: 一是}}
  - closing: {pick: 2}
tags: [work-meeting]
"""


def _entry(pid: str, text: str, source: str, occasion: str, extra: str = "") -> str:
    file, line = source.split(":")
    return (
        f"  - id: {pid}\n    text: {text}\n{extra}    occasion: {occasion}\n    count: 1\n"
        f"    sources:\n      - {{file: {file}, speech: 1, line: {line}}}\n"
    )


def _point(pid: str, heading: str, body: list[str], source: str, occasion: str, **more: str) -> str:
    level = more.get("level", "1")
    extra = (
        f"    heading: {heading}\n    body: [{', '.join(body)}]\n    level: {level}\n"
        f"    children: [{more.get('children', '')}]\n    keywords: [{more.get('keywords', '')}]\n"
        + more.get("specifics", "")
    )
    return _entry(pid, heading, source, occasion, extra)


COUNT = "    slots: [count]\n"
BANK = {
    "salutations.yaml": "kind: salutation\nphrases:\n"
    + _entry("salutation-a", "同志们：", "talks/2023.txt:1", "work-meeting").replace(
        "line: 1}\n", "line: 1}\n      - {file: talks/2024.txt, speech: 1, line: 1}\n"
    )
    + _entry("salutation-b", "各位代表、同志们：", "talks/congress.txt:1", "congress"),
    "openings.yaml": "kind: opening\nphrases:\n"
    + _entry(
        "opening-a",
        "今天召开{event}，主要任务是总结去年的工作，部署今年的任务。",
        "talks/2023.txt:2",
        "work-meeting",
        "    slots: [event]\n",
    )
    + _entry("opening-b", "这次会议很重要，大家要认真领会会议精神。", "talks/2024.txt:2", "work-meeting")
    + _entry(
        "opening-c", "在新春佳节到来之际，向全体职工致以节日的问候！", "talks/festival.txt:2", "festival"
    )
    + _entry("opening-d", "刚才，几位同志的发言讲得很好，我都赞同。", "talks/2025.txt:2", "work-meeting"),
    "transitions.yaml": "kind: transition\nphrases:\n"
    + _entry("transition-a", "下面，我讲{count}点意见：", "talks/2023.txt:3", "work-meeting", COUNT)
    + _entry(
        "transition-b",
        "下面，我就进一步加强班组建设讲{count}点意见。",
        "talks/2024.txt:3",
        "work-meeting",
        COUNT,
    ),
    "points.yaml": "kind: point\nphrases:\n"
    + _point(
        "point-p1",
        "加强班组建设，夯实基层基础",
        ["班组是企业的细胞。要抓好班组长培训。"],
        "talks/2023.txt:5",
        "work-meeting",
        children="point-c1, point-c2, point-c3",
        keywords="班组, 基层",
    )
    + _point(
        "point-c1",
        "要抓好班组长培训",
        ["培训要有计划。"],
        "talks/2023.txt:6",
        "work-meeting",
        level="2",
        keywords="培训",
    )
    + _point(
        "point-c2",
        "要开展劳动竞赛",
        ["竞赛要有实效。今年组织83家企业参加。"],
        "talks/2023.txt:7",
        "work-meeting",
        level="2",
        keywords="竞赛",
        specifics="    specifics:\n      - {text: 83家, kind: figure}\n",
    )
    + _point(
        "point-c3",
        "要关心困难职工",
        ["帮扶要落到实处。"],
        "talks/2023.txt:8",
        "work-meeting",
        level="2",
        keywords="帮扶",
    )
    + _point(
        "point-p2",
        "维护职工权益，构建和谐劳动关系",
        ["要依法维护职工合法权益。要畅通职工诉求渠道。"],
        "talks/2023.txt:9",
        "work-meeting",
        keywords="权益, 劳动关系",
    )
    + _point(
        "point-p3",
        "加强自身建设，提升服务水平",
        ["全县工会干部要转变作风。要深入基层。"],
        "talks/2024.txt:5",
        "work-meeting",
        keywords="作风, 服务",
        specifics="    specifics:\n      - {text: 全县, kind: level}\n",
    )
    + _point(
        "point-p4",
        "围绕中心工作，服务发展大局",
        ["要围绕中心、服务大局。"],
        "talks/congress.txt:7",
        "congress",
        keywords="中心, 大局",
    )
    + _point(
        "point-p5",
        "抓好安全生产，守住安全底线",
        ["安全生产是头等大事。要落实安全生产责任。"],
        "talks/2025.txt:5",
        "work-meeting",
        keywords="安全生产, 底线",
    ),
    "closings.yaml": "kind: closing\nphrases:\n"
    + _entry("closing-a", "同志们，让我们团结一心，奋力开创工作新局面！", "talks/2023.txt:11", "work-meeting")
    + _entry("closing-b", "谢谢大家！", "talks/2023.txt:12", "work-meeting")
    + _entry("closing-c", "祝大家新春愉快，阖家幸福！", "talks/festival.txt:9", "festival")
    + _entry("closing-d", "最后，希望大家把会议精神带回去，抓好落实。", "talks/2025.txt:9", "work-meeting"),
}

# A draft as a writer may write or edit one: ids only, no record of where it came from.
DRAFT = """\
speechkit_draft: 1
template: talk
slots: {org: 郴州市总工会, event: 工作会议}
topic: []
seed: 1
rate: 220
minutes: null
sections:
- kind: salutation
  items: [salutation-a]
- kind: opening
  items: [opening-a]
- kind: transition
  items: [transition-a]
- kind: points
  styles: [一、, 一是]
  items:
  - id: point-p1
    children: [point-c1, point-c2]
  - point-p2
  - point-p3
- kind: closing
  items: [closing-a, closing-b]
"""


def make_bank(folder: Path) -> Path:
    """The bank in ``folder`` (with its template ``talk``); returns the folder."""
    (folder / "templates").mkdir(parents=True, exist_ok=True)
    (folder / "templates" / "talk.yaml").write_text(TEMPLATE, encoding="utf-8")
    for name, text in BANK.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def make_draft(path: Path, text: str = DRAFT) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
