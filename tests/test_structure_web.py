"""Real-world shapes the parser must read: web-copied text with no line breaks,
reports with unnumbered parts, long salutations, closings, back matter.

Every text here is written for the test, in the shapes seen in published
speeches (not copied from any of them).
"""

from __future__ import annotations

import pytest

from speechkit.reading.outline import Speech
from speechkit.reading.parser import parse_text

BODY = (
    "要坚持问题导向，聚焦重点领域和关键环节，拿出务实管用的举措，一件一件抓落实，确保取得看得见、摸得着的成效"
)


def one(text: str) -> Speech:
    (speech,) = parse_text(text)
    return speech


def shape(speech: Speech) -> list[tuple[str, int, str]]:
    return [(p.style, p.number, p.heading) for p in speech.points]


# -------------------------------------------------------- unbroken web text

FORUM = (
    "携手同行 共创未来——在某某合作论坛开幕式上的致辞（2025年5月8日，某市）某某集团董事长 张某"
    "尊敬的李会长，尊敬的各位嘉宾，女士们，先生们，朋友们："
    "很高兴出席本届论坛。我谨代表主办方，对各位来宾表示热烈欢迎！"
    "当前，各方合作面临新的机遇。在此，我提三点建议。"
    f"第一，坚持创新驱动。{BODY}。创新是第一动力。"
    f"第二，深化开放合作。{BODY}。开放带来进步。"
    f"第三，共享发展成果。{BODY}。我们愿同各方一道努力。"
    "女士们、先生们、朋友们！合作的大门越开越大。让我们携手并进，共同开创更加美好的未来！"
    "谢谢大家。"
)


def test_a_forum_address_with_no_line_breaks() -> None:
    speech = one(FORUM)
    assert speech.title == "携手同行 共创未来"
    assert speech.salutation is not None
    assert speech.salutation.text == "尊敬的李会长，尊敬的各位嘉宾，女士们，先生们，朋友们："
    assert speech.transition is not None and speech.transition.text == "在此，我提三点建议。"
    assert shape(speech) == [
        ("第一", 1, "坚持创新驱动"),
        ("第一", 2, "深化开放合作"),
        ("第一", 3, "共享发展成果"),
    ]
    assert speech.points[-1].body[-1].text.endswith("我们愿同各方一道努力。")  # the last point keeps its body
    assert speech.closing[0].text.startswith("女士们、先生们、朋友们！")
    assert speech.closing[-1].text.endswith("谢谢大家。")
    assert speech.opening[0].text.startswith("很高兴出席本届论坛")


def test_yishi_items_at_the_top_level_of_unbroken_text() -> None:
    text = (
        "同志们：今天召开全市工作会议，主要任务是部署下一阶段工作。下面，我强调几点。"
        f"一是提高政治站位。{BODY}。二是压实工作责任。{BODY}。三是加强统筹协调。{BODY}。"
        "同志们，任务艰巨，使命光荣，让我们共同努力！"
    )
    speech = one(text)
    assert [p.style for p in speech.points] == ["一是"] * 3
    assert speech.transition is not None and speech.transition.text == "下面，我强调几点。"
    assert [p.text for p in speech.closing] == ["同志们，任务艰巨，使命光荣，让我们共同努力！"]


def test_a_short_list_or_a_thanks_sentence_is_no_top_level_run() -> None:
    text = (
        "各位来宾：首先，我谨对各位的到来表示衷心的感谢！其次，感谢主办方的周到安排。"
        "这次活动一是规模大，二是层次高，三是内容实。"
        "我们将认真总结经验，继续把这项工作做实做好，推动各项事业不断取得新的成绩。祝大家身体健康！"
    )
    speech = one(text)
    assert speech.points == []
    assert "一是规模大" in speech.opening[0].text


# ------------------------------------------------ reports with unnumbered parts

REPORT = f"""2026年某某市政府工作报告
——2026年1月20日在某某市第十七届人民代表大会第五次会议上
某某市人民政府市长 某某
1月20日，某某市第十七届人民代表大会第五次会议在市会议中心开幕。

各位代表：
现在，我代表市人民政府向大会报告工作，请予审议。
2025年工作回顾
一是经济运行稳中有进。{BODY}。
二是民生保障持续加强。{BODY}。
2026年重点工作
（一）扎实推进产业升级
{BODY}。
（二）持续改善人居环境
{BODY}。
各位代表，我们要始终坚持党的全面领导，加强政府自身建设。要坚守政治忠诚，坚决贯彻落实上级决策部署。要坚持依法行政，自觉接受各方面监督。要锲而不舍落实中央八项规定精神，驰而不息正风肃纪反腐，以过硬作风推动各项工作落地见效，以实干实绩取信于民，让群众看到实实在在的变化，努力建设人民满意的政府，在新的起点上书写新的答卷，为全市高质量发展提供坚强保障。
各位代表！让我们更加紧密地团结起来，为建设现代化新某某而努力奋斗！
注释
1.“两新”：指大规模设备更新和消费品以旧换新。
2.“一件事”：指一次办好的政务服务事项。
责任编辑：某某
打印本页
"""


def test_a_report_with_unnumbered_parts() -> None:
    speech = one(REPORT)
    assert speech.title == "2026年某某市政府工作报告"
    assert speech.salutation is not None and speech.salutation.text == "各位代表："
    assert [p.text for p in speech.opening] == ["现在，我代表市人民政府向大会报告工作，请予审议。"]
    assert [(p.style, p.number, p.part) for p in speech.points] == [
        ("一是", 1, "2025年工作回顾"),
        ("一是", 2, None),
        ("（一）", 1, "2026年重点工作"),
        ("（一）", 2, None),
    ]
    assert "2026年重点工作" not in speech.points[1].body[-1].text  # the part title is no body text
    # the long paragraph of substance stays with the last point; the call closes
    assert speech.points[-1].body[-1].text.startswith("各位代表，我们要始终坚持")
    assert [p.text[:5] for p in speech.closing] == ["各位代表！"]


def test_notes_and_page_furniture_after_a_speech_are_not_parsed() -> None:
    speeches = parse_text(
        REPORT + "\n2026年某某市政府工作报告\n各位代表：现在，我代表市人民政府向大会报告工作，\n"
    )
    assert len(speeches) == 1  # the page repeated its first lines: no second speech
    assert speeches[0].closing[-1].text.endswith("而努力奋斗！")


def test_an_annex_list_after_a_speech_is_not_a_speech() -> None:
    text = REPORT.split("注释")[0] + "2026年市级民生实事\n1.新建社区食堂20个。\n2.改造老旧小区50个。\n"
    (speech,) = parse_text(text)
    assert len(speech.points) == 4


def test_a_repeated_title_and_a_date_line_under_it_are_one_header() -> None:
    text = (
        "某某县2026年政府工作报告\n2026年1月9日在某某县第十八届人民代表大会第五次会议上 某某县县长 某某\n"
        "某某县2026年政府工作报告\n\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n"
        f"一、过去一年的工作\n{BODY}。\n二、今年的主要任务\n{BODY}。\n"
    )
    (speech,) = parse_text(text)
    assert speech.title == "某某县2026年政府工作报告" and len(speech.points) == 2


# ------------------------------------------------------------- salutations


@pytest.mark.parametrize(
    "salutation",
    [
        "尊敬的某某主席，尊敬的各位国家元首、政府首脑，尊敬的某某秘书长，各位来宾，女士们，先生们，朋友们：",
        "同胞们，同志们，朋友们：",
        "主席先生，各位同事：",
        "尊敬的各位理事，各代表团团长，各位嘉宾：",
    ],
)
def test_long_salutations_glued_to_the_body(salutation: str) -> None:
    speech = one(f"{salutation}今天，我们在这里隆重集会。{BODY}。谢谢大家！")
    assert speech.salutation is not None and speech.salutation.text == salutation
    assert speech.opening[0].text.startswith("今天，我们在这里隆重集会")


def test_a_salutation_glued_after_a_title_and_byline_starts_one_speech() -> None:
    text = (
        "在某某大会上的讲话（2025年9月1日，某市）某某省省长 某某"
        f"同胞们，同志们，朋友们：今天，我们隆重集会。{BODY}。"
    )
    speeches = parse_text(text)
    assert len(speeches) == 1
    assert speeches[0].title == "在某某大会上的讲话"
    assert speeches[0].salutation is not None and speeches[0].salutation.text == "同胞们，同志们，朋友们："


def test_a_byline_after_a_star_is_not_the_body() -> None:
    speech = one(f"坚定不移推进改革开放※某某某今天，我们召开这次会议。{BODY}。")
    assert speech.title == "坚定不移推进改革开放"
    assert speech.opening[0].text.startswith("今天，我们召开这次会议")


def test_addresses_without_a_colon_open_a_speech() -> None:
    speech = one(f"尊敬的某某总统，尊敬的某某总理，尊敬的各位来宾，在这个重要时刻，我们相聚在这里。{BODY}。")
    assert speech.salutation is not None
    assert speech.salutation.text == "尊敬的某某总统，尊敬的某某总理，尊敬的各位来宾，"


# ------------------------------------------------------------------ closings


def test_an_address_alone_then_substance_then_wishes_is_one_closing() -> None:
    text = (
        f"同志们：\n下面，我讲两点意见。\n一、抓好学习\n{BODY}。\n二、抓好落实\n{BODY}。\n"
        "同志们、朋友们！\n新的一年，任务更加繁重。\n最后，祝大家工作顺利！\n谢谢大家。\n"
    )
    speech = one(text)
    assert [p.text for p in speech.closing] == [
        "同志们、朋友们！",
        "新的一年，任务更加繁重。",
        "最后，祝大家工作顺利！",
        "谢谢大家。",
    ]
    assert speech.points[-1].body == [type(speech.points[-1].body[0])(f"{BODY}。", 6)]


def test_a_speech_without_points_closes_with_its_wishes() -> None:
    body = "\n".join(f"我们要继续努力，{BODY}。" for _ in range(8))
    text = f"各位来宾：\n{body}\n祝愿两国人民的友谊万古长青！\n欢迎各位再次光临指导！\n"
    speech = one(text)
    assert [p.text for p in speech.closing] == ["祝愿两国人民的友谊万古长青！", "欢迎各位再次光临指导！"]
    assert len(speech.opening) == 8  # the body is not swallowed into the closing


def test_an_unbroken_speech_without_points_closes_at_its_wrap_up() -> None:
    text = (
        "各位来宾：" + "".join(f"我们要继续努力，{BODY}。" for _ in range(6)) + "让我们共同努力！谢谢大家。"
    )
    speech = one(text)
    assert [p.text for p in speech.closing] == ["让我们共同努力！谢谢大家。"]


# ------------------------------------------------ headings and transitions


def test_a_topic_heading_glued_to_its_body() -> None:
    speech = one(
        f"同志们：\n一、关于前一段防汛救灾工作汛情发生后，我们迅速行动。{BODY}。\n二、关于下步打算\n{BODY}。\n"
    )
    assert speech.points[0].heading == "关于前一段防汛救灾工作"
    assert speech.points[0].body[0].text.startswith("汛情发生后")


def test_a_heading_line_that_never_ends_a_sentence_is_all_heading() -> None:
    speech = one(
        f"同志们：\n一、把铸牢共同体意识作为民族地区各项工作的主线\n{BODY}。\n二、加快建设现代化产业体系\n{BODY}。\n"
    )
    assert speech.points[0].heading == "把铸牢共同体意识作为民族地区各项工作的主线"
    assert speech.points[0].body[0].text.startswith("要坚持问题导向")


def test_a_third_item_in_another_form_is_the_next_point() -> None:
    text = f"同志们：\n一、统一思想\n{BODY}。\n二、突出重点\n{BODY}。\n第三，加强领导。{BODY}。\n"
    speech = one(text)
    assert [(p.number, p.heading) for p in speech.points] == [
        (1, "统一思想"),
        (2, "突出重点"),
        (3, "加强领导"),
    ]
    assert speech.points[1].body == [type(speech.points[1].body[0])(f"{BODY}。", 5)]


@pytest.mark.parametrize(
    "transition",
    [
        "我强调几点。",
        "下面，我谈几点意见。",
        "我愿提出以下建议：",
        "在此，我愿提出3点倡议。",
        "下面，我讲几点意见。",
    ],
)
def test_transitions_in_other_words(transition: str) -> None:
    speech = one(
        f"同志们：\n今天召开会议，很有必要。{transition}\n一、抓学习\n{BODY}。\n二、抓落实\n{BODY}。\n"
    )
    assert speech.transition is not None and speech.transition.text == transition
    assert [p.text for p in speech.opening] == ["今天召开会议，很有必要。"]


def test_a_proposal_announced_with_a_colon_right_before_the_points() -> None:
    text = f"各位同事：今天的会议很重要。我建议：第一，加强团结。{BODY}。第二，深化合作。{BODY}。谢谢大家。"
    speech = one(text)
    assert speech.transition is not None and speech.transition.text == "我建议："
    assert len(speech.points) == 2
