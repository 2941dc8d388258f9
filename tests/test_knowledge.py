"""What mining learns of each phrase: occasion and speaker level, moves,
specifics, the speech's own year and names, fragments.

The fixtures are written for the tests in the shapes of real speeches: a
government report, a diplomatic address, a company talk and a union speech.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from speechkit.bank.load import load_bank
from speechkit.bank.moves import moves_of
from speechkit.mining.context import context_of, own_names
from speechkit.mining.extract import extract
from speechkit.mining.generalise import SpeechContext, generalise
from speechkit.mining.keywords import dictionary_tags, segment
from speechkit.mining.occasion import classify
from speechkit.mining.reuse import fragment_reason, reuse_score
from speechkit.mining.specifics import find_specifics, learn_names
from speechkit.reading.parser import parse_text

BODY = "要坚持问题导向，聚焦重点领域和关键环节，拿出务实管用的举措，一件一件抓落实，确保取得看得见的成效"

REPORT = f"""2026年某江省政府工作报告
——2026年1月20日在某江省第十四届人民代表大会第四次会议上
某江省人民政府省长 某某

各位代表：
现在，我代表省人民政府向大会报告工作，请予审议，并请省政协委员提出意见。
一、2025年工作回顾
过去一年，全省生产总值增长5.2%，新增城镇就业62.3万人。“十四五”规划目标任务圆满完成。{BODY}。
二、2026年工作安排
今年是“十五五”开局之年。2026年全省经济社会发展的主要预期目标是：地区生产总值增长5%左右。到2035年基本实现现代化。
各位代表！让我们更加紧密地团结起来，为建设美丽某江而努力奋斗！
"""

DIPLOMATIC = (
    "携手同行 共创未来——在第五届某某合作论坛开幕式上的致辞（2025年5月8日，北京）国家主席 某某"
    "尊敬的马克龙总统，尊敬的各位嘉宾，女士们，先生们：很高兴出席第五届某某合作论坛。"
    "在此，我提三点建议。"
    f"第一，坚持合作共赢。新冠肺炎疫情发生以来，各国携手抗疫。{BODY}。"
    f"第二，推动开放发展。世界卫生组织发挥了重要作用，中国愿同各方一道努力。{BODY}。"
    "女士们、先生们！让我们携手并进，共创美好未来！谢谢大家。"
)

TALK = f"""在2017年第三季度区域总裁会议上的讲话
2017年7月12日
一、关于经营质量
公司要加强经营质量管理，华为公司一直强调，财务报表应基于真实业务。{BODY}。
二、关于干部队伍
今年各代表处要培养一批干部。{BODY}。
"""

UNION = f"""在郴州市总工会第十三次代表大会上的讲话
各位代表、同志们：
在郴州市总工会第十三次代表大会隆重召开之际，我代表市委、市政府，向大会的召开表示热烈祝贺！
过去五年，全市工会组织深入开展“五型班组”创建活动，建成职工之家83家。{BODY}。
下面，我讲两点意见。
一、围绕中心，服务大局
{BODY}。
二、加强自身建设
{BODY}。
最后，预祝大会圆满成功！
谢谢大家！
"""


def one(text: str) -> Any:
    (speech,) = parse_text(text)
    return speech


def specifics(text: str) -> list[tuple[str, str]]:
    return [(s.text, s.kind) for s in find_specifics(text, segment(text), dictionary_tags())]


# ----------------------------------------------------------- occasion, level


@pytest.mark.parametrize(
    ("text", "occasion", "level"),
    [
        (REPORT, "report", "province"),
        (DIPLOMATIC, "ceremony", "national"),
        (TALK, "work-meeting", "enterprise"),
        (UNION, "congress", "city"),
    ],
)
def test_occasion_and_level_of_a_speech(text: str, occasion: str, level: str) -> None:
    found = classify(one(text))
    assert (found.occasion, found.level) == (occasion, level)
    assert 0.5 <= found.confidence <= 1.0


def test_a_regions_report_that_cites_the_centre_speaks_from_the_region() -> None:
    report = (
        "2026年某某自治区政府工作报告\n各位代表：\n现在，我代表自治区政府向大会报告工作，请予审议。\n"
        "一、坚决贯彻党中央决策部署\n我国发展环境深刻变化，党中央作出部署，自治区党委带领全区各族干部群众"
        "认真落实党中央要求。\n"
    )
    assert classify(one(report)).level == "province"


def test_a_report_is_no_congress_though_it_says_各位代表() -> None:
    assert classify(one(REPORT)).occasion == "report"


def test_the_user_states_the_occasion_beside_the_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "old").mkdir(parents=True)
    (corpus / "talk.txt").write_text(TALK, encoding="utf-8")
    (corpus / "old" / "union.txt").write_text(UNION, encoding="utf-8")
    (corpus / "speechkit.yaml").write_text(
        "occasion: symposium\nfiles:\n  old/union.txt: {occasion: festival, speaker_level: union}\n",
        encoding="utf-8",
    )
    extract([corpus], tmp_path / "bank", jobs=1)
    bank = load_bank(tmp_path / "bank", use_index=False)
    by_file = {p.sources[0].file.rsplit("/", 1)[-1]: p for p in bank.of_kind("point")}
    assert (by_file["talk.txt"].occasion, by_file["talk.txt"].tags) == ("symposium", ["symposium"])
    assert (by_file["union.txt"].occasion, by_file["union.txt"].speaker_level) == ("festival", "union")


def test_a_bad_corpus_settings_file_is_one_located_error(tmp_path: Path) -> None:
    from speechkit.errors import SpeechkitError

    (tmp_path / "a.txt").write_text(UNION, encoding="utf-8")
    (tmp_path / "speechkit.yaml").write_text("occasion: party\n", encoding="utf-8")
    with pytest.raises(SpeechkitError, match=r"speechkit.yaml:1:11: unknown occasion 'party'"):
        extract([tmp_path], tmp_path / "bank", jobs=1)


# ----------------------------------------------------------------- moves


@pytest.mark.parametrize(
    ("text", "moves"),
    [
        ("在大会隆重召开之际，我代表市委，向大会的召开表示热烈祝贺！", ["congratulate"]),
        ("很高兴出席本届论坛。", ["welcome"]),
        ("今天召开全市工会工作会议，主要任务是总结去年工作，部署今年任务。", ["purpose"]),
        ("过去一年，我们圆满完成了各项目标任务，成绩来之不易。", ["review"]),
        ("开好这次会议，具有十分重要的意义。", ["significance"]),
        ("向辛勤工作在各条战线上的同志们致以崇高的敬意！", ["thanks"]),
        ("让我们团结一心，为实现目标而努力奋斗！", ["call"]),
        ("希望各级工会组织切实担起责任。", ["requirements"]),
        ("最后，预祝大会圆满成功！", ["wishes"]),
        ("谢谢大家！", ["thanks-for-listening"]),
    ],
)
def test_moves_from_cue_words(text: str, moves: list[str]) -> None:
    assert moves_of(text) == moves


# --------------------------------------------------------------- specifics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("要学习郴州市的经验，推动长江经济带发展。", [("郴州市", "place"), ("长江经济带", "place")]),
        ("感谢马克龙总统的邀请。", [("马克龙", "person")]),
        ("刚才，王建华同志作了报告。", [("王建华", "person")]),
        ("世界卫生组织发挥了重要作用。", [("世界卫生组织", "org")]),
        (
            "建成职工之家83家，覆盖率达到75.3%，投入2.17亿元。",
            [("83家", "figure"), ("75.3%", "figure"), ("2.17亿元", "figure")],
        ),
        ("迎接市总工会第十一次代表大会召开。", [("市总工会", "level"), ("第十一次代表大会", "ordinal")]),
        (
            "新冠肺炎疫情发生后，十九届五中全会作出部署。",
            [("新冠肺炎疫情", "dated"), ("十九届五中全会", "dated")],
        ),
        ("2019年我县实现了目标。", [("2019年", "year"), ("我县", "level")]),
        ("2017—2018年经营没有理由不好。", [("2017—2018年", "year")]),
        ("首都职工要带头，全省上下要行动。", [("首都", "level"), ("全省上下", "level")]),
        ("深入开展“五型班组”创建活动。", [("“五型班组”", "campaign")]),
        ("为贯彻党的××大精神，学习党的精神。", [("××", "redaction"), ("党的精神", "redaction")]),
        (
            "中国石化、中铝公司、中国有色等企业建立了工会。",
            [("中国石化", "org"), ("中铝公司", "org"), ("中国有色", "org")],
        ),
        ("造就知识型、科技型、创新型职工队伍。", [("知识型、科技型、创新型", "dated")]),  # before 2017
        (
            "推动经济持续健康快速发展，加快转型发展。",
            [
                ("持续健康快速发展", "dated"),
                ("加快转型发展", "dated"),
            ],
        ),  # the formulas before 高质量发展
        (
            "促进下岗失业人员再就业，构建社会主义新型和谐劳动关系。",
            [("下岗失业人员", "dated"), ("社会主义新型和谐劳动关系", "dated")],
        ),  # the formulas before 2012
        ("各乡镇要在参与社会管理中发挥作用。", [("各乡镇", "level"), ("参与社会管理", "dated")]),
        (
            "大力弘扬奥运精神、抗震救灾精神，应对欧债危机。",
            [("奥运", "dated"), ("抗震救灾", "dated"), ("欧债危机", "dated")],
        ),
        # a quoted name run once as a programme is one each time it is quoted
        (
            "实施“明日之星”计划，“明日之星”要多上一线。",
            [("“明日之星”", "campaign"), ("“明日之星”", "campaign")],
        ),
        ("落实《2030年可持续发展议程》。", [("《2030年可持续发展议程》", "campaign")]),  # the title's year
        (
            "中央应对疫情工作领导小组和国务院联防联控机制作出安排。",
            [("中央应对疫情工作领导小组", "org"), ("国务院联防联控机制", "org")],
        ),
        ("华为公司要以客户为中心。", [("华为公司", "org")]),  # a company the dictionary knows
        ("召开十四届六次主席团会议。", [("十四届六次主席团", "ordinal")]),  # a term and session, no 第
        (
            "从年初一到现在，我们庆祝“国际茶日”。",
            [("年初一", "dated"), ("“国际茶日”", "dated")],
        ),  # days of a year
        (
            "高水平建设临港新片区和RCEP国际教育合作区。",
            [
                ("临港新片区", "place"),
                ("RCEP国际教育合作区", "place"),
            ],
        ),  # zones named by a place or an acronym
        ("北京奥运会圆满成功。", [("北京奥运会", "dated")]),  # games with their host city
        ("办好北斗规模应用国际峰会。", [("北斗规模应用国际峰会", "dated")]),  # not the 好 of 办好
        (
            "实施好“中华文明起源研究”、“考古中国”等重大项目。",
            [("“中华文明起源研究”", "campaign"), ("“考古中国”", "campaign")],
        ),  # quotations listed together are named together
        ("队列是“主官+职员+专家”。", [("“主官+职员+专家”", "campaign")]),  # a formula of its parts
    ],
)
def test_specifics_by_kind(text: str, expected: list[tuple[str, str]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "坚持以习近平新时代中国特色社会主义思想为指导，在党中央领导下。",  # formulas, national bodies
        "下面，我讲三点意见，谈两个方面的问题。",  # the speech's own counts
        "我国经济持续向好，全国人民团结奋斗。",  # national words
        "要深刻领悟“两个确立”，坚决做到“两个维护”。",  # national formulas in quotes
        "城市和社区要加强管理，新建一批学校。",  # words jieba also knows as place names
        "加强学习、改进作风、转变职能等单位都要做到。",  # a list before 等单位 that names no body
        "要认真贯彻“组织起来、切实维权”的工作方针，把工会建成“职工之家”。",  # the unions' own formulas
        "安全生产要做到“零”事故。",  # one character in quotes names nothing
        "要坚持“三位一体”的工作格局。",  # a dictionary word in quotes is no programme
        "认真贯彻全总部署，落实《社会保险法》和《中华人民共和国工会法》。",  # the unions' body, national laws
        "4年多来，各项工作稳步推进。",  # a span of time
        "年初一季度经济数据平稳。",  # 年初, then 一季度: no New Year's Day
        "上市公司要规范治理，联想是一种能力。",  # a kind of company; a word that is also a company's
        "发挥资本市场支持作用。",  # 本市 only as a word of its own
        "新建3岁以下婴幼儿托位。",  # an age bracket counts nothing
        "加快建设美丽中国先行区。",  # a zone of the whole country is no named place
    ],
)
def test_what_every_speech_may_say_is_no_specific(text: str) -> None:
    assert specifics(text) == []


def test_names_a_speech_introduces_are_known_wherever_it_repeats_them() -> None:
    tags = dictionary_tags()
    speech = [
        "尊敬的穆希丁总理，各位同事：",
        "华为公司三十年来坚持聚焦主航道。我们启动了“明日之星”评选。",
        "感谢穆希丁总理的邀请。华为的未来靠“明日之星”，不靠明日之星以外的人。",
    ]
    learned = learn_names(speech, tags)
    assert dict(learned) == {"穆希丁": "person", "华为": "org", "“明日之星”": "campaign"}
    found = [(s.text, s.kind) for s in find_specifics(speech[2], segment(speech[2]), tags, learned)]
    # the bare name after its quotes is no campaign: only the quoted form was learned
    assert found == [("穆希丁", "person"), ("华为", "org"), ("“明日之星”", "campaign")]


def test_a_phrase_knows_the_names_its_speech_introduced_elsewhere(tmp_path: Path) -> None:
    (tmp_path / "talk.txt").write_text(
        "在公司年中工作会议上的讲话\n同志们：\n华为公司今年的经营形势总体较好，各项工作有序推进。\n"
        "一、聚焦主航道\n华为要聚焦主航道，不在非战略机会点上消耗战略竞争力量，各级主管要带头。\n"
        "二、加强监督\n子公司董事会要履行监督职责，把风险管住，确保合规经营。\n",
        encoding="utf-8",
    )
    extract([tmp_path / "talk.txt"], tmp_path / "bank", jobs=1)
    bank = load_bank(tmp_path / "bank", use_index=False)
    point = next(p for p in bank.of_kind("point") if p.heading == "聚焦主航道")
    assert ("华为", "org") in point.specifics
    other = next(p for p in bank.of_kind("point") if p.heading == "加强监督")
    assert not [s for s in other.specifics if s[1] == "org"]


# ------------------------------------------------------------ time and slots


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026年是“十五五”开局之年。", "{year}年是“十五五”开局之年。"),
        ("2025年以来，我们做了大量工作。", "2025年以来，我们做了大量工作。"),  # another year
        ("到2035年基本实现现代化。", "到2035年基本实现现代化。"),  # a target
        ("锚定2035年远景目标。", "锚定2035年远景目标。"),  # a name
        ("从2021年到2026年，持续推进。", "从2021年到2026年，持续推进。"),  # a span
        ("到2026年底，完成改造。", "到2026年底，完成改造。"),  # a deadline, not "this year"
        ("1921年，中国共产党诞生。", "1921年，中国共产党诞生。"),  # history
        ("2026年全市工会工作取得显著成绩", "2026年全市工会工作取得显著成绩"),  # looked back on
        ("20××年工作回顾", "20××年工作回顾"),  # a review: last year's, for the new speech
        ("对20××年的工作进行部署。", "对{year}年的工作进行部署。"),  # a placeholder: this year
    ],
)
def test_year_only_for_the_speech_own_year(text: str, expected: str) -> None:
    assert generalise(text, context=SpeechContext(year=2026))[0] == expected


def test_a_report_own_place_and_a_union_congress_own_event_become_slots() -> None:
    report = context_of(one(REPORT))
    assert report.year == 2026 and ("某江省", "place") in report.own and ("某江", "place") in report.own
    assert generalise("加快建设美丽某江。", context=report)[0] == "加快建设美丽{place}。"
    assert generalise("发射“某江一号”卫星。", context=report)[0] == "发射“某江一号”卫星。"  # part of a name
    for once in ("支持太行实验室某江创新中心建设。", "在某江成功举办上合组织峰会。", "办好某江峰会。"):
        assert generalise(once, context=report)[0] == once  # a body or an event of that place alone
    union = context_of(one(UNION))
    assert ("郴州市总工会第十三次代表大会", "event") in union.own and ("郴州市总工会", "org") in union.own
    assert generalise("郴州市总工会要带头。", context=union)[0] == "{org}要带头。"


def test_a_diplomatic_address_own_forum_from_its_title_block() -> None:
    speech = one(DIPLOMATIC)
    assert speech.event == "第五届某某合作论坛"
    assert speech.date == "2025年5月8日"
    context = context_of(speech)
    assert ("第五届某某合作论坛", "event") in context.own


def test_an_international_body_holding_the_meeting_is_its_org_by_either_name() -> None:
    own = own_names("在亚洲基础设施投资银行第五届理事会年会开幕式上的致辞")
    assert ("亚洲基础设施投资银行", "org") in own and ("亚投行", "org") in own
    context = SpeechContext(year=2020, own=tuple(own))
    assert generalise("亚投行要坚持开放包容。", context=context)[0] == "{org}要坚持开放包容。"
    # the press is no host: a meeting named after it is no body of the speaker's
    assert all(slot != "org" for _, slot in own_names("在新华社建社九十周年座谈会上的讲话"))


# ------------------------------------------------- fragments and reusability


@pytest.mark.parametrize(
    ("kind", "text", "rejected"),
    [
        ("opening", "二是加强组织领导，确保落到实处。", True),
        ("opening", "——这五年，我们砥砺奋进。", True),
        ("opening", "其次，要加强协调。", True),
        ("opening", "今天召开全市工作会议，主要任务是部署工作。", False),
        ("opening", "加强学习。" * 400, True),
        ("closing", "这项工作涉及面广，情况复杂。", True),
        ("closing", "让我们共同努力！", False),
        ("opening", "“十四五”时期发展成就和2025年工作回顾", True),
        ("closing", "谢谢大家", False),
        ("closing", "展望未来前景", True),
    ],
)
def test_fragments_are_no_phrases(kind: str, text: str, rejected: bool) -> None:
    assert (fragment_reason(kind, text) is not None) == rejected


def test_reuse_falls_with_specifics_and_redactions() -> None:
    plain = reuse_score("opening", "让我们团结一心，为实现目标而努力奋斗！", [], ["call"])
    specific = reuse_score(
        "opening", "全市建成职工之家83家，覆盖率达到75.3%。", ["figure", "figure"], ["review"]
    )
    redacted = reuse_score("opening", "为贯彻党的××大精神，全市上下团结一心。", ["redaction", "level"], [])
    assert plain == 1.0 and plain > specific > redacted >= 0.0


def test_fragments_are_counted_in_the_summary(tmp_path: Path, run: Any) -> None:
    (tmp_path / "a.txt").write_text(
        "同志们：\n二是加强组织领导，确保各项工作落到实处。\n今天召开会议，主要任务是部署工作。\n"
        f"一、抓落实\n{BODY}。\n这项工作涉及面广，情况复杂。\n",
        encoding="utf-8",
    )
    result = run("extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "bank"), "--json", "-j", "1")
    kinds = json.loads(result.stdout)["kinds"]
    assert kinds["opening"]["rejected"] == 1


# --------------------------------------------------------------- the bank


def test_what_a_phrase_knows_is_in_the_bank_and_reads_back(tmp_path: Path) -> None:
    (tmp_path / "union.txt").write_text(UNION, encoding="utf-8")
    extract([tmp_path / "union.txt"], tmp_path / "bank", jobs=1)
    text = (tmp_path / "bank" / "openings.yaml").read_text(encoding="utf-8")
    assert "occasion: congress" in text and "moves: [congratulate]" in text
    bank = load_bank(tmp_path / "bank", use_index=False)
    review = next(p for p in bank.of_kind("opening") if "83家" in p.text)
    assert ("83家", "figure") in review.specifics and ("“五型班组”", "campaign") in review.specifics
    assert review.reuse is not None and review.reuse < 1.0
    indexed = load_bank(tmp_path / "bank")
    assert indexed.get(review.id) == review  # the compiled index carries it too


def test_a_bank_made_before_mining_knew_this_still_loads(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "closings.yaml").write_text(
        "kind: closing\nphrases:\n  - id: c1\n    text: 谢谢大家！\n    tags: [congress]\n", encoding="utf-8"
    )
    phrase = load_bank(bank).get("c1")
    assert phrase is not None
    assert (phrase.occasion, phrase.speaker_level, phrase.moves, phrase.specifics, phrase.reuse) == (
        None,
        None,
        [],
        [],
        None,
    )


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("occasion: party", "4:15: unknown value 'party'; use one of: work-meeting"),
        ("moves: [dance]", "4:13: unknown value 'dance'; use one of: congratulate"),
        ("specifics: [{text: 83家, kind: number}]", "4:35: unknown value 'number'; use one of: place"),
        ("reuse: 2", "4:12: reuse must be a number from 0 to 1"),
    ],
)
def test_bad_knowledge_fields_are_located_errors(tmp_path: Path, run: Any, entry: str, message: str) -> None:
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "closings.yaml").write_text(
        f"kind: closing\nphrases:\n  - id: c1\n    {entry}\n    text: 谢谢大家！\n", encoding="utf-8"
    )
    result = run("phrases", "--bank", str(bank))
    assert result.exit_code == 1
    assert message in result.stderr


def test_web_footnote_calls_are_not_mined(tmp_path: Path) -> None:
    (tmp_path / "talk.txt").write_text(
        f"同志们：\n一、关于人才[1]\n{BODY}，要超越客户前进。[2]\n二、关于激励\n数组a[1]不是脚注，{BODY}。\n",
        encoding="utf-8",
    )
    extract([tmp_path / "talk.txt"], tmp_path / "bank", jobs=1)
    points = {p.heading: p.body for p in load_bank(tmp_path / "bank").of_kind("point")}
    assert points["关于人才"] == [f"{BODY}，要超越客户前进。"]
    assert points["关于激励"][0].startswith("数组a[1]不是脚注")


def test_photo_captions_of_web_copies_are_not_mined(tmp_path: Path) -> None:
    (tmp_path / "talk.txt").write_text(
        f"同志们：\n一、关于人才\n{BODY}。3月6日，某某在某地考察。"
        "这是某某在村里看望群众。 新华社记者 某某/摄\n"
        f"二、关于激励\n他拍摄了一组照片。{BODY}。\n",
        encoding="utf-8",
    )
    extract([tmp_path / "talk.txt"], tmp_path / "bank", jobs=1)
    points = {p.heading: p.body for p in load_bank(tmp_path / "bank").of_kind("point")}
    assert points["关于人才"] == [f"{BODY}。"]
    assert points["关于激励"] == [f"他拍摄了一组照片。{BODY}。"]


def test_curated_entries_are_never_changed_by_extract(tmp_path: Path) -> None:
    (tmp_path / "union.txt").write_text(UNION, encoding="utf-8")
    extract([tmp_path / "union.txt"], tmp_path / "bank", jobs=1)
    path = tmp_path / "bank" / "closings.yaml"
    text = path.read_text(encoding="utf-8")
    edited = text.replace("    text: 谢谢大家！\n", "    text: 谢谢大家！\n    curated: true\n", 1).replace(
        "occasion: congress\n    speaker_level: city\n    moves: [thanks",
        "occasion: festival\n    speaker_level: city\n    moves: [thanks",
        1,
    )
    assert "curated: true" in edited and "occasion: festival" in edited
    path.write_text(edited, encoding="utf-8")
    extract([tmp_path / "union.txt"], tmp_path / "bank", jobs=1)
    assert path.read_text(encoding="utf-8") == edited


def test_phrases_filter_by_occasion_and_move(tmp_path: Path, run: Any) -> None:
    (tmp_path / "union.txt").write_text(UNION, encoding="utf-8")
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    extract([tmp_path], tmp_path / "bank", jobs=1)
    wishes = run("phrases", "--bank", str(tmp_path / "bank"), "--move", "wishes", "--json")
    assert [p["text"] for p in json.loads(wishes.stdout)] == ["最后，预祝大会圆满成功！"]
    reports = run("phrases", "--bank", str(tmp_path / "bank"), "--occasion", "report", "--kind", "salutation")
    assert reports.stdout.splitlines()[-1] == "1 phrase"
    bad = run("phrases", "--bank", str(tmp_path / "bank"), "--move", "wish")
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: unknown move 'wish' (did you mean 'wishes'?)")
