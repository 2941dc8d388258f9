"""Drafts a writer can finish (issue 12): the occasion's own voice, every
move of the template, borrowed facts marked, points chosen together, the
topic kept, the speaker's level respected.

Each test mines a small bank from speeches written for it in the shapes of
real ones (a city union congress, a 三八 greeting, a county work meeting, a
provincial report, a diplomatic address) and drafts with the shipped
templates.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from speechkit.bank.load import load_bank
from speechkit.bank.model import Bank
from speechkit.drafting.assemble import Draft, assemble, sentences
from speechkit.drafting.docx_export import to_docx
from speechkit.drafting.render import to_markdown, to_text
from speechkit.drafting.templates import Template, load_template
from speechkit.mining.extract import extract

from .conftest import DEFAULT_BANK

BODY = "要坚持问题导向，聚焦重点领域和关键环节，拿出务实管用的举措，一件一件抓落实，确保取得看得见的成效"
# Bodies of one speech differ, or the draft takes them for one phrase said twice.
SERVE = "各级工会要紧扣全市发展大局，组织职工开展劳动竞赛和技术比武，在重点工程一线建功立业"
PROTECT = "要健全职工诉求表达机制，推进工资集体协商，依法维护职工劳动报酬、休息休假和社会保障权益"
BUILD = "要深化工会改革，推动资源向基层倾斜，把基层工会建设成为职工信赖的温暖之家"

CONGRESS = f"""在郴州市总工会第十三次代表大会上的讲话
各位代表、同志们：
在郴州市总工会第十三次代表大会隆重召开之际，我代表市委、市政府，向大会的召开表示热烈祝贺！
过去五年，全市工会组织深入开展“五型班组”创建活动，建成职工之家83家。{BODY}。
下面，我就进一步推进开发区工会组建工作讲三点意见。
一、围绕中心，服务大局
{SERVE}。
二、突出维权，服务职工
{PROTECT}。
三、加强建设，夯实基础
{BUILD}。
最后，预祝大会圆满成功！
谢谢大家！
"""

FESTIVAL = f"""在2024年“三八”国际妇女节慰问活动上的致辞
同志们、朋友们：
值此“三八”国际妇女节来临之际，我代表市总工会，向全市广大女职工致以节日的问候和美好的祝福！
一年来，广大女职工立足岗位、无私奉献，在此向大家表示衷心的感谢！
首先，希望大家坚定理想信念。{BODY}。
其次，希望大家勇于建功立业。{BODY}。
祝大家节日快乐、身体健康、阖家幸福！
"""

COUNTY = f"""在全县工会工作会议上的讲话
同志们：
今天召开全县工会工作会议，主要任务是总结工作、部署任务。
下面，我讲三点意见。
一、切实抓好安全生产工作
我县安全生产形势总体平稳。{BODY}。全县各级工会要把安全生产放在首位。
二、扎实推进职工素质提升
2019年，我县开展技能竞赛120场。广大职工踊跃参加岗位练兵，涌现出一批技术能手和工匠人才。
三、不断加强工会自身建设
县总工会要带头转变作风，深入企业车间，面对面倾听职工呼声，切实解决职工急难愁盼问题。
同志们，让我们共同努力，开创全县工会工作新局面！
"""

REPORT = f"""2026年某江省政府工作报告
各位代表：
现在，我代表省人民政府向大会报告工作，请予审议。
一、推进产业升级
各位代表！{BODY}。当前，在推进产业升级中要注意两点：
（一）稳住制造业
{BODY}。
（二）培育新动能
{BODY}。
二、深化改革开放
{BODY}。
"""

# A report whose numbered parts are its year's review and tasks, the points below them.
PARTS = f"""2026年某江省政府工作报告
各位代表：
现在，我代表省人民政府向大会报告工作，请予审议。
一、2025年和“十四五”时期工作回顾
{BODY}。
二、2026年重点工作
（一）推进产业升级
{SERVE}。
（二）保障改善民生
{PROTECT}。《某江省国民经济和社会发展第十五个五年规划纲要草案》已提交本次大会审查。
"""

# A province's report that speaks of itself by name, and of two five-year plans.
PROVINCE = f"""2026年某江省政府工作报告
各位代表：
现在，我代表省人民政府向大会报告工作，请予审议。
一、建设美丽某江
{BODY}，让某江的天更蓝、水更清。
二、谋划好“十五五”发展
{BODY}，“十四五”时期打下的基础要巩固好。
"""

# A city's own government meeting on industry, beside a city union's: one seat, two matters.
INDUSTRY = f"""在全市工业经济工作会议上的讲话
同志们：
今天召开全市工业经济工作会议，主要任务是部署全年工业经济工作。
一、抓好重点项目建设
全市要加快推进重点工业项目，强化项目用地、能耗指标保障，确保项目早开工、早投产。{BODY}。
二、推动园区提档升级
各工业园区要完善基础设施，提升承载能力，引进一批龙头企业和配套企业。{BODY}。
三、培育壮大市场主体
要支持民营企业发展壮大，落实减税降费政策，帮助企业解决融资难题。{BODY}。
"""

# A head of state's symposium: its opening narrates its speaker's own acts and plan.
LEADER = f"""在决战决胜脱贫攻坚座谈会上的讲话
同志们：
党的十八大以来，我先后在延安、贵阳、银川召开部分省区市党委书记座谈会，这次是我主持召开的又一次座谈会。
今天，我讲3个问题。
一、深刻认识取得的决定性进展
今年以来，中央领导同志先后三次听取汇报，党中央作出部署。{BODY}。
二、打好精准脱贫攻坚战
打好精准脱贫攻坚战，是我在报告中提出的三大攻坚战之一。{BODY}。
同志们，让我们共同努力，夺取最后的胜利！
"""

# Two speeches of a city union with one point each, beside a company's three.
ONE_POINT = """在全市工会{what}会议上的讲话
同志们：
今天召开全市工会{what}会议，主要任务是总结工作、部署任务。
一、{heading}
{body}。
同志们，让我们团结一心，为完成全年目标任务而努力奋斗！
"""

STATECRAFT = f"""在某某合作论坛开幕式上的致辞
尊敬的各位嘉宾，女士们，先生们：
很高兴出席论坛。
在此，我提三点建议。
第一，坚持合作共赢。联合国宪章宗旨是国际关系的基本准则，要维护国际秩序，践行多边主义。{BODY}。
第二，推动开放发展。发展中国家要在全球治理中有更多发言权，反对单边主义。{BODY}。
谢谢大家！
"""

FACTORY = """在厂工会工作会议上的讲话
同志们：
今天召开全厂工会工作会议，主要任务是总结工作、部署任务。
下面，我讲三点意见。
一、围绕生产，服务中心
我厂今年生产任务繁重，两级工会要组织车间职工开展劳动竞赛，确保全年目标完成。
二、关爱员工，办好实事
要办好职工食堂和浴室，改善一线班组的作业环境，让员工安心工作。
三、强化基础，建好班组
全厂各车间要推进班组建设，选树一批星级班组和岗位明星。
同志们，让我们共同努力，为我厂改革发展作出新贡献！
"""

# A company's internal talk: no 我厂 or 全厂 anywhere, its headings as short as a union's.
COMPANY = """在公司年度工作会议上的讲话
同志们：
今天召开公司年度工作会议，公司对大家的工作是肯定的。
一、聚焦主航道，不在非战略机会点上消耗力量
公司要聚焦主航道，各产品线把客户需求摸清楚，产品要做到极致，员工要多到代表处一线去。
二、干部要上前线，把精兵放到作战部队
各地区部要把优秀员工调到一线作战部队，干部要敢于冲锋，总裁办要拿出考核办法。
三、控制横向扩张，做好充分的战略准备
公司要控制横向扩张，客户界面的资源向主航道集中，员工奖金要向一线倾斜。
"""

USER = {"org": "枫林市总工会", "year": "2026", "speaker": "市委、市政府", "audience": "全市广大职工"}


def mined(tmp_path: Path, **speeches: str) -> Bank:
    folder = tmp_path / "speeches"
    folder.mkdir(exist_ok=True)
    for name, text in speeches.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    extract([folder], tmp_path / "bank", jobs=1)
    return load_bank(tmp_path / "bank")


def template(name: str) -> Template:
    return load_template(name, DEFAULT_BANK)


def draft(bank: Bank, name: str, seed: int = 1, **options: Any) -> Draft:
    t = template(name)
    slots = {k: v for k, v in {**USER, "event": "枫林市总工会第五次代表大会"}.items() if k in t.fillable()}
    slots.update(options.pop("slots", {}))
    return assemble(bank, t, slots=slots, seed=seed, **options)


def section_text(d: Draft, *sections: str) -> str:
    return "\n".join(b.text for b in d.blocks if b.section in sections)


# ------------------------------------------------------------------ occasion


def test_a_festival_greeting_never_speaks_of_a_meeting(tmp_path: Path) -> None:
    bank = mined(tmp_path, congress=CONGRESS, festival=FESTIVAL)
    for seed in range(1, 6):
        voice = section_text(draft(bank, "festival", seed), "salutation", "opening", "transition", "closing")
        assert not re.search(r"大会|会议|各位代表|代表们", voice), voice
        assert "节日" in voice


PLENUM = f"""关于制定规划建议的说明
同志们：
受中央政治局委托，我就规划建议稿向全会作说明。
一、关于建议稿起草的考虑
{BODY}。{SERVE}。
二、关于建议稿的主要内容
{BODY}。{PROTECT}。
同志们！审议通过规划建议，是这次全会的主要任务。大家要认真思考、深入讨论，提出建设性意见和建议。让我们同心协力、集思广益，共同把这次全会开好！
"""


def test_a_festival_greeting_never_speaks_of_a_plenary_session(tmp_path: Path) -> None:
    """全会 is a meeting as much as 大会 or 会议: a greeting never asks to make it a success."""
    from speechkit.drafting.fit import fits_occasion

    bank = mined(tmp_path, plenum=PLENUM)
    (closing,) = [p for p in bank.of_kind("closing") if "这次全会" in p.text]
    assert not fits_occasion(closing, ("festival",))
    assert fits_occasion(closing, ("work-meeting",))


def test_a_congress_takes_no_festival_greeting(tmp_path: Path) -> None:
    bank = mined(tmp_path, congress=CONGRESS, festival=FESTIVAL)
    for seed in range(1, 6):
        voice = section_text(draft(bank, "congress", seed), "salutation", "opening", "transition", "closing")
        assert "节日" not in voice and "三八" not in voice, voice


def test_with_nothing_fitting_the_template_speaks_and_says_so(tmp_path: Path) -> None:
    bank = mined(tmp_path, congress=CONGRESS)
    t = template("festival")
    d = draft(bank, "festival")
    opening = [b.text for b in d.blocks if b.section == "opening"]
    assert opening[0] == t.wording["congratulate"].format(**d.slots)
    assert any("used the template's wording" in n and "'congratulate'" in n for n in d.notes)


def test_points_of_other_occasions_are_told(tmp_path: Path) -> None:
    bank = mined(tmp_path, congress=CONGRESS)
    told = "no festival points in the bank fit; the points are from speeches of other occasions"
    assert any(note.startswith(told) for note in draft(bank, "festival").notes)
    assert not any("points in the bank fit" in note for note in draft(bank, "congress").notes)


def test_every_move_of_the_template_in_order(tmp_path: Path) -> None:
    bank = mined(tmp_path, congress=CONGRESS, festival=FESTIVAL, county=COUNTY)
    for name in ("congress", "festival", "work-meeting", "commendation", "symposium"):
        t = template(name)
        d = draft(bank, name)
        for section in t.sections:
            if not section.moves:
                continue
            (part,) = [p for p in d.parts if p.kind == section.kind]
            made: list[str] = []  # the moves the items make, in order (a phrase may make two)
            for item in part.items:
                phrase = bank.get(item.id) if item.id else None
                made += (
                    [m for m in section.moves if m in phrase.moves]
                    if phrase is not None
                    else [m for m, w in t.wording.items() if w == item.text]
                )
            assert made == list(section.moves), (name, section.kind, made)


# ------------------------------------------------------------ borrowed facts


def test_borrowed_figures_are_marked_in_every_format(tmp_path: Path) -> None:
    bank = mined(tmp_path, congress=CONGRESS)
    d = draft(bank, "congress")
    assert "83家" in "".join(d.checks)
    text = to_text(d)
    assert "【核：" in text and "83家" in text
    assert re.search(r"【核：[^】]*83家[^】]*】", text)
    assert "【核：" in to_markdown(d)
    path = tmp_path / "d.docx"
    path.write_bytes(to_docx(d))
    runs = [r for p in Document(str(path)).paragraphs for r in p.runs]
    marked = [r.text for r in runs if r.font.highlight_color is not None]
    assert any("83家" in t for t in marked)


def test_the_summary_counts_the_items_to_check(tmp_path: Path, run: Any) -> None:
    mined(tmp_path, congress=CONGRESS)
    result = run(
        "generate", "-t", "congress", "--bank", str(tmp_path / "bank"), "--seed", "1", "--no-input",
        "--slot", "event=枫林市总工会第五次代表大会", "--slot", "org=枫林市总工会",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    marks = result.stdout.count("【核：")
    assert marks and f"{marks} item{'s' if marks > 1 else ''} to check" in result.stderr


CHILDREN = f"""在全市安全生产工作会议上的讲话
同志们：
今天召开全市安全生产工作会议。
下面，我讲两点意见。
一、压实安全责任
{SERVE}。
一是加强隐患排查，全年检查企业120家。
二是强化教育培训，提升职工安全素质和应急处置能力。
二、筑牢安全防线
{PROTECT}。
"""


def test_strict_drafts_only_from_phrases_with_nothing_to_check(tmp_path: Path) -> None:
    bank = mined(tmp_path, congress=CONGRESS, county=COUNTY, children=CHILDREN)
    d = draft(bank, "work-meeting", strict=True)
    assert "【核：" not in to_text(d) and not d.checks
    assert "【核：" in to_text(draft(bank, "work-meeting"))


def test_a_past_year_is_marked_never_made_current(tmp_path: Path) -> None:
    bank = mined(tmp_path, county=COUNTY)
    text = to_text(draft(bank, "work-meeting", slots={"org": "某某县总工会"}, points=3))
    assert "【核：2019年】" in text
    assert "2026年，我县开展" not in text and "2026年，全县开展" not in text


# ---------------------------------------------------------------- level


def test_a_provinces_own_name_filled_with_the_users_city_is_marked(tmp_path: Path) -> None:
    bank = mined(tmp_path, province=PROVINCE)
    city = to_text(draft(bank, "work-meeting", points=2, slots={"place": "枫林市"}))
    assert "建设美丽【核：枫林市】" in city and "让【核：枫林市】的天更蓝" in city
    # a province's own claims are a province's, whichever province drafts
    province = to_text(
        draft(bank, "work-meeting", points=2, slots={"org": "某山省总工会", "place": "某山省"})
    )
    assert "建设美丽【核：某山省】" in province
    # no place given: a blank for the writer, not a blank inside a mark
    blank = to_text(draft(bank, "work-meeting", points=2))
    assert "建设美丽【地方】" in blank and "【核：【" not in blank


def test_a_unions_own_name_in_its_points_is_the_users(tmp_path: Path) -> None:
    union = CONGRESS.replace(f"{BUILD}。", f"郴州市总工会要带头转变作风，{BUILD}。")
    bank = mined(tmp_path, congress=union)
    text = to_text(draft(bank, "work-meeting", points=3))
    assert "枫林市总工会要带头转变作风" in text and "【核：枫林市总工会】" not in text


def test_the_plan_period_of_the_users_year_is_theirs(tmp_path: Path) -> None:
    bank = mined(tmp_path, province=PROVINCE)
    text = to_text(draft(bank, "work-meeting", points=2, slots={"org": "某山省总工会", "year": "2026"}))
    assert "谋划好“十五五”发展" in text and "【核：“十四五”时期】" in text
    earlier = to_text(draft(bank, "work-meeting", points=2, slots={"org": "某山省总工会", "year": "2024"}))
    assert "【核：“十五五”】" in earlier and "“十四五”时期" in earlier and "【核：“十四五”" not in earlier


def test_points_on_the_users_own_matter_come_first(tmp_path: Path) -> None:
    union = ONE_POINT.format(what="工作", heading="围绕中心，服务大局", body=SERVE).replace(
        "同志们，让我们", f"二、加强建设，夯实基础\n{BUILD}。\n同志们，让我们"
    )
    bank = mined(tmp_path, industry=INDUSTRY, union=union)  # two work meetings of one city
    for seed in range(1, 8):
        text = section_text(draft(bank, "work-meeting", seed, points=2), "points")
        assert "服务大局" in text and "夯实基础" in text and "重点项目" not in text, seed
    # a city's industry meeting takes the other speech's points
    other = section_text(
        draft(
            bank,
            "work-meeting",
            1,
            points=2,
            slots={"org": "枫林市工业和信息化局", "event": "全市工业经济工作会议"},
        ),
        "points",
    )
    assert "重点项目" in other


def test_a_quotation_of_several_sentences_is_one_sentence_of_its_speaker() -> None:
    said = "他在听取汇报时指出：“一是扩大覆盖面。二是增强凝聚力。”这是我们最好的时机。"
    assert sentences(said) == [
        "他在听取汇报时指出：“一是扩大覆盖面。二是增强凝聚力。”",
        "这是我们最好的时机。",
    ]


def test_what_only_its_own_speaker_could_say_is_not_borrowed(tmp_path: Path) -> None:
    bank = mined(tmp_path, leader=LEADER, congress=CONGRESS)
    for seed in range(1, 6):
        text = to_text(draft(bank, "symposium", seed, points=2))
        assert "我先后在" not in text and "我主持召开" not in text and "是我在报告中提出" not in text, seed
        assert "我讲3个问题" not in text and "【核：3个】" not in text, seed


def test_what_the_sources_year_brought_is_marked(tmp_path: Path) -> None:
    report = PROVINCE.replace(f"{BODY}，让某江", f"今年以来，全省新建公园20个。{BODY}，让某江")
    bank = mined(tmp_path, province=report)
    text = to_text(draft(bank, "work-meeting", points=2))
    assert "【核：今年以来，全省新建公园20个】" in text  # the date and what it brought


def test_a_level_word_that_fits_is_marked_where_it_reports_the_sources_result(tmp_path: Path) -> None:
    union = CONGRESS.replace(f"{PROTECT}。", f"当前全市企业工资集体协商覆盖面已取得了很大进展。{PROTECT}。")
    bank = mined(tmp_path, congress=union)
    text = to_text(draft(bank, "work-meeting", points=3))
    assert "当前【核：全市】企业工资集体协商覆盖面已取得了很大进展" in text
    assert "紧扣全市发展大局" in text  # a task the city's speaker sets: theirs to say


def test_a_title_says_the_year_and_the_organisation_once(tmp_path: Path) -> None:
    bank = mined(tmp_path, congress=CONGRESS)
    festival = draft(bank, "festival", slots={"event": "2026年“五一”国际劳动节"})
    assert festival.title == "在2026年“五一”国际劳动节慰问活动上的致辞"
    meeting = draft(bank, "work-meeting", slots={"event": "枫林市总工会第五次代表大会"})
    assert meeting.title == "在2026年枫林市总工会第五次代表大会上的讲话"


def test_level_words_of_another_level_are_marked(tmp_path: Path) -> None:
    bank = mined(tmp_path, county=COUNTY)
    city = to_text(draft(bank, "work-meeting", points=3))
    assert "【核：我县】" in city
    county = to_text(draft(bank, "work-meeting", slots={"org": "某某县总工会"}, points=3))
    assert "我县" in county and "【核：我县】" not in county


# ---------------------------------------------------------------- points


def test_siblings_of_one_speech_stand_together(tmp_path: Path) -> None:
    bank = mined(tmp_path, congress=CONGRESS, county=COUNTY)
    for seed in range(1, 6):
        d = draft(bank, "congress", seed, points=3)
        (points,) = [p for p in d.parts if p.kind == "points"]
        speeches = {bank.get(i.id or "").sources[0].file for i in points.items}  # type: ignore[union-attr]
        assert len(speeches) == 1, (seed, speeches)


def test_points_come_from_a_speech_of_the_users_seat(tmp_path: Path) -> None:
    bank = mined(tmp_path, factory=FACTORY, congress=CONGRESS)
    for seed in range(1, 6):
        text = section_text(draft(bank, "work-meeting", seed, points=3), "points", "closing")
        assert "我厂" not in text and "车间" not in text, seed
    # a factory union's own draft takes them
    factory = section_text(draft(bank, "work-meeting", 1, points=3, slots={"org": "某某厂工会"}), "points")
    assert "车间" in factory


def test_a_companys_talk_lends_no_points_to_a_city_union(tmp_path: Path) -> None:
    bank = mined(tmp_path, company=COMPANY, congress=CONGRESS)
    for seed in range(1, 8):  # even where only the company's speech is of the occasion
        text = section_text(draft(bank, "work-meeting", seed, points=3), "points")
        assert not re.search("主航道|作战部队|横向扩张", text), seed
    own = section_text(draft(bank, "work-meeting", 1, points=3, slots={"org": "某某科技公司"}), "points")
    assert re.search("主航道|作战部队|横向扩张", own)  # a company's own draft takes them


def test_a_companys_run_of_points_loses_to_single_points_of_the_users_seat(tmp_path: Path) -> None:
    serve = ONE_POINT.format(what="经济", heading="围绕中心，服务大局", body=SERVE)
    protect = ONE_POINT.format(what="维权", heading="突出维权，服务职工", body=PROTECT)
    bank = mined(tmp_path, company=COMPANY, serve=serve, protect=protect)
    for seed in range(1, 6):
        text = section_text(draft(bank, "work-meeting", seed, points=2), "points")
        assert not re.search("主航道|作战部队|横向扩张", text), seed
        assert "服务大局" in text and "服务职工" in text, seed


def test_a_reports_part_titles_and_procedure_are_no_points(tmp_path: Path) -> None:
    bank = mined(tmp_path, report=PARTS)
    for seed in range(1, 4):
        d = draft(bank, "work-meeting", seed, points=2)
        headings = [b.text for b in d.blocks if b.kind == "heading" and b.section == "points"]
        assert headings and not any(re.search("工作回顾|重点工作", h) for h in headings), (seed, headings)
        assert "审查" not in section_text(d, "points")


def test_the_transition_loses_its_source_subject(tmp_path: Path) -> None:
    bank = mined(tmp_path, congress=CONGRESS)
    plain = section_text(draft(bank, "work-meeting"), "transition")
    assert "开发区" not in plain and "点意见" in plain
    topical = section_text(draft(bank, "work-meeting", topic=["职工维权"]), "transition")
    assert "职工维权" in topical and "开发区" not in topical


def test_the_topic_comes_first_and_a_shortfall_is_told(tmp_path: Path) -> None:
    bank = mined(tmp_path, congress=CONGRESS, county=COUNTY)
    for seed in range(1, 4):
        d = draft(bank, "work-meeting", seed, topic=["安全生产"], points=3)
        first_heading = next(b.text for b in d.blocks if b.kind == "heading" and b.level == 1)
        assert "安全生产" in first_heading or any(
            "安全生产" in b.text for b in d.blocks if b.kind == "heading"
        ), seed
        assert "1 of 3 points are about 安全生产" in " ".join(d.notes)


def test_a_foreign_policy_point_never_enters_a_union_draft(tmp_path: Path) -> None:
    bank = mined(tmp_path, statecraft=STATECRAFT, county=COUNTY, congress=CONGRESS)
    for seed in range(1, 8):  # even when it is the topic's only point
        text = to_text(draft(bank, "work-meeting", seed, points=3, topic=["开放"]))
        assert "联合国" not in text and "多边主义" not in text, seed


@pytest.mark.parametrize(
    ("point", "foreign"),
    [
        ("坚持开放友好。要把亚投行打造成多边合作新典范", ("亚投行",)),  # a body of states' cooperation
        ("坚持世代友好。要推进中非友好，深化两国伙伴关系", ("中非", "两国")),  # relations of two countries
        ("坚持睦邻友好。中方支持设立本组织减贫联合工作组", ("中方", "本组织")),  # a state in its body
    ],
)
def test_a_point_on_foreign_policy_is_statecraft(
    tmp_path: Path, point: str, foreign: tuple[str, ...]
) -> None:
    statecraft = STATECRAFT.replace(
        "坚持合作共赢。联合国宪章宗旨是国际关系的基本准则，要维护国际秩序，践行多边主义", point
    )
    bank = mined(tmp_path, statecraft=statecraft, county=COUNTY, congress=CONGRESS)
    for seed in range(1, 8):
        text = to_text(draft(bank, "commendation", seed, points=3, topic=["友好"]))
        assert not any(word in text for word in foreign), seed


HOST_BODY = f"""在亚洲基础设施投资银行第五届理事会年会开幕式上的致辞
尊敬的各位嘉宾，女士们，先生们：
很高兴出席亚投行年会。
在此，我提两点建议。
第一，聚焦共同发展，把亚投行打造成推动共同发展的新型多边开发银行。{BODY}。
第二，坚持开放发展，举办中国—亚投行合作论坛。{SERVE}。
谢谢大家！
"""


def test_a_point_on_the_host_bodys_work_stays_statecraft_once_its_name_is_a_slot(tmp_path: Path) -> None:
    bank = mined(tmp_path, host=HOST_BODY, county=COUNTY, congress=CONGRESS)
    point = next(p for p in bank.of_kind("point") if "多边开发银行" in p.text)
    assert "{org}" in point.text and "statecraft" in point.tags  # the name is the meeting's own
    assert any("中国—亚投行合作论坛" in p.all_text() for p in bank.of_kind("point"))  # one name of two
    for seed in range(1, 8):  # not even as the topic's only point
        text = to_text(draft(bank, "work-meeting", seed, points=3, topic=["发展"]))
        assert "多边开发银行" not in text, seed


def test_a_point_borrowed_whole_from_a_government_report_says_so_in_a_unions_draft(tmp_path: Path) -> None:
    bank = mined(tmp_path, report=REPORT)
    d = draft(bank, "work-meeting", points=2)
    top = [b.text for b in d.blocks if b.kind == "heading" and b.level == 1]
    note = "【核：整条借自省级政府工作报告，请按本会实际改写】"
    assert top and all(h.endswith(note) for h in top)  # at its heading,
    assert to_text(d).count(note) == len(top)  # once a point, not at its sub-points
    assert "整条借自省级政府工作报告，请按本会实际改写" in d.checks  # counted with what to check
    said = [b.text.replace(note, "") for b in d.blocks if b.kind != "title"]
    assert d.chars == sum(len(t) for t in said)  # not read out
    (tmp_path / "both").mkdir()
    union = "在全市工会工作会议上的讲话\n同志们：\n今天召开全市工会工作会议。\n下面，我讲两点意见。\n"
    union += f"一、围绕中心，服务大局\n{SERVE}。\n二、突出维权，服务职工\n{PROTECT}。\n谢谢大家！\n"
    both = mined(tmp_path / "both", report=REPORT, union=union)
    for seed in range(1, 6):  # nor drawn when strict
        assert "整条借自" not in to_text(draft(both, "work-meeting", seed, points=2, strict=True))
    # a government's own writer is no union borrowing its work
    own = draft(bank, "work-meeting", points=2, slots={"org": "枫林市人民政府"})
    assert "整条借自" not in to_text(own)


@pytest.mark.parametrize(
    ("level", "heading", "body", "org", "note"),
    [
        (
            "province",
            "深入推进创新驱动发展",
            "加快建设实验室。深化产业工人队伍建设。",
            "枫林市总工会",
            "省级政府工作报告",
        ),
        ("national", "推动高水平对外开放", "同各国开展合作。", "枫林市总工会", "国家领导人的讲话"),
        ("enterprise", "聚焦主航道", "代表处要多打粮食。", "枫林市总工会", "企业的讲话"),
        ("province", "维护职工合法权益", "推进工资集体协商。", "枫林市总工会", None),  # a union's matter
        (
            "province",
            "扩大内需",
            "职工收入稳步增长，职工生活持续改善。",
            "枫林市总工会",
            None,
        ),  # more than once
        ("union", "加强工会自身建设", "提升服务水平。", "枫林市总工会", None),  # a union's own speech
        ("province", "扩大内需", "提振消费。", "枫林市人民政府", None),  # no union's draft
    ],
)
def test_which_points_are_borrowed_whole(
    level: str, heading: str, body: str, org: str, note: str | None
) -> None:
    from speechkit.bank.model import Phrase
    from speechkit.drafting.checks import borrowed_from

    point = Phrase(
        "point-1", "point", heading, heading=heading, body=[body], speaker_level=level,
        occasion="report" if level == "province" else "internal-talk",
    )  # fmt: skip
    said = borrowed_from(point, {"org": org})
    assert (said is None) if note is None else (said is not None and note in said)


def test_a_point_keeps_no_address_to_another_audience(tmp_path: Path) -> None:
    bank = mined(tmp_path, report=REPORT)
    text = to_text(draft(bank, "work-meeting", points=2))
    assert "推进产业升级" in text
    assert "各位代表" not in section_text(draft(bank, "work-meeting", points=2), "points")


def test_an_inline_point_runs_its_sub_points_on_after_the_lead_into_them(tmp_path: Path) -> None:
    bank = mined(tmp_path, report=REPORT)
    d = draft(bank, "congress", points=2)  # 一是 points: no level below, the sub-points run on
    body = section_text(d, "points")
    assert body.index("要注意两点：") < body.index("稳住制造业。") < body.index("培育新动能。")
    assert not any(b.text.startswith(("（一）", "（二）")) for b in d.blocks)
    assert not re.search(
        "[二三]是(?:稳住制造业|培育新动能)", body
    )  # the sub-points are no points of their own


def test_a_body_cut_before_its_list_drops_the_lead_into_it() -> None:
    from speechkit.drafting.assemble import _without_dangling_lead

    assert _without_dangling_lead(["推进产业升级。当前要注意两点："]) == ["推进产业升级。"]
    assert _without_dangling_lead(["当前要注意两点："]) == []


RECORD = f"""在全市工会工作会议上的讲话
同志们：
今天召开全市工会工作会议，主要是总结工作、部署任务。
一、围绕中心，服务大局
{SERVE}。市总工会荣获全国五一劳动奖状。{BODY}。
二、突出维权，服务职工
全市各部门：
{PROTECT}。我市入选全国和谐劳动关系示范名录。
三、加强建设，夯实基础
{BUILD}。
同志们，让我们团结一心，为完成全年目标任务而努力奋斗！
"""


def test_a_point_keeps_neither_the_honours_of_its_source_nor_an_address_line(tmp_path: Path) -> None:
    """An honour won (荣获…奖状, 入选…名录) is its speaker's record, which no other speech
    can say; a line that only addresses the source's audience (全市各部门：) opens
    something said to them. The rest of each body stays."""
    bank = mined(tmp_path, record=RECORD)
    for seed in range(1, 4):
        body = section_text(draft(bank, "work-meeting", seed, points=3), "points")
        assert SERVE in body and PROTECT in body and BODY in body, body
        assert "荣获" not in body and "入选" not in body and "各部门：" not in body, body


def test_a_saved_draft_knows_the_sub_points_its_points_run_on(tmp_path: Path) -> None:
    from speechkit.drafting.draftfile import phrases_sha256

    mined(tmp_path, report=REPORT)
    bank = load_bank(tmp_path / "bank", use_index=False)  # phrases held in memory: one can be edited
    d = draft(bank, "congress", points=2)
    saved = phrases_sha256(d.parts, bank, template("congress"))
    (point,) = [bank.get(i.id or "") for p in d.parts if p.kind == "points" for i in p.items[:1]]
    assert point is not None and point.children
    child = bank.get(point.children[0])
    assert child is not None
    child.body[0] = child.body[0] + "这句是后来改的。"
    assert phrases_sha256(d.parts, bank, template("congress")) != saved


def test_a_heading_that_counts_what_was_done_is_no_point(tmp_path: Path) -> None:
    counted = CONGRESS.replace("三、加强建设，夯实基础", "三、资助困难职工子女上大学，合计6300名")
    bank = mined(tmp_path, congress=counted)
    for seed in range(1, 4):
        text = section_text(draft(bank, "work-meeting", seed, points=3), "points")
        assert "6300名" not in text, seed


def test_what_an_anonymised_source_left_blank_is_a_blank_to_fill(tmp_path: Path) -> None:
    blanked = CONGRESS.replace(f"{PROTECT}。", f"会员数要在20××年的基础上增长两成。{PROTECT}。")
    bank = mined(tmp_path, congress=blanked)
    d = draft(bank, "work-meeting", points=3)
    text = to_text(d)
    assert "在【20××年】的基础上" in text and "【核：20××年】" not in text
    assert "20××年" not in d.checks


def test_what_a_cited_source_said_is_marked_with_its_name(tmp_path: Path) -> None:
    quoting = CONGRESS.replace(
        f"{SERVE}。", f"党的十八大报告明确指出，要全心全意依靠工人阶级，构建和谐劳动关系。{SERVE}。"
    )
    bank = mined(tmp_path, congress=quoting)
    text = to_text(draft(bank, "work-meeting", points=3))
    assert "【核：党的十八大】报告明确指出，【核：要全心全意依靠工人阶级，构建和谐劳动关系】。" in text


def test_the_templates_own_wording_asks_for_the_writers_own_facts(tmp_path: Path) -> None:
    bank = mined(tmp_path, county=COUNTY)  # no congress opening: the template reviews
    text = to_text(draft(bank, "congress"))
    assert "各项工作取得了新的进展：【上次代表大会以来的主要成绩和数据】。" in text
    given = to_text(draft(bank, "congress", slots={"achievements": "新建职工之家120家"}))
    assert "各项工作取得了新的进展：新建职工之家120家。" in given


def test_a_reports_part_titles_are_known_by_their_times_and_agenda_words() -> None:
    from speechkit.drafting.assemble import _part_title

    for title in ("关于2026年工作", "“十五五”时期工作的主要考虑", "{year}年经济社会发展主要预期目标"):
        assert _part_title(title), title
    for point in ("关于加强作风建设", "深化改革开放", "突出抓好2026年重点工作落实"):
        assert not _part_title(point), point


def test_whom_the_source_honoured_is_marked(tmp_path: Path) -> None:
    honours = f"""在全市劳动模范表彰大会上的讲话
同志们：
刚才，大会对全市100名劳动模范和先进工作者进行了表彰，在此表示热烈的祝贺！
一、弘扬劳模精神
{SERVE}。
二、关心关爱劳模
{PROTECT}。
"""
    bank = mined(tmp_path, honours=honours)
    text = to_text(draft(bank, "commendation", slots={"org": "枫林市总工会"}))
    assert "大会对【核：全市100名劳动模范和先进工作者】进行了表彰" in text


def test_the_draft_says_how_many_points_another_occasion_lent(tmp_path: Path) -> None:
    bank = mined(tmp_path, congress=CONGRESS, county=COUNTY)
    d = draft(bank, "congress", points=4)  # the congress speech has three
    assert (
        "1 of 4 points are from speeches of other occasions than congress: check they suit this one"
        in d.notes
    )


def test_a_strict_draft_has_nothing_to_check_whatever_its_points_run_on() -> None:
    bank = load_bank(DEFAULT_BANK)
    for name in ("congress", "symposium", "festival", "work-meeting", "commendation"):
        for seed in range(1, 6):
            d = draft(bank, name, seed, strict=True)
            assert "【核：" not in to_text(d) and not d.checks, (name, seed)
