"""What an opening or closing phrase does: its moves, from cue words.

A phrase may make several moves ("在…之际，我代表…表示热烈祝贺，向…致以问候"
congratulates and thanks). Templates ask for moves in order: a commendation
opens by congratulating the honourees, a congress closes with wishes.
"""

from __future__ import annotations

from speechkit.lazyre import LazyPattern, compile_later

_CUES: tuple[tuple[str, LazyPattern], ...] = (
    (
        "congratulate",
        compile_later(
            r"祝贺|贺电|贺信|喜庆|致以(?:节日的|新春的|新年的)?(?:亲切|诚挚|美好)?(?:的)?(?:问候|祝福)|道喜|欢庆"
        ),
    ),
    ("welcome", compile_later(r"欢迎|大家好|很高兴(?:出席|来到|参加|同大家|与大家|通过)|相聚")),
    (
        "purpose",
        compile_later(
            r"(?:这次|今天的?|本次)(?:会议|大会|座谈会)的?(?:主要)?(?:任务|目的|主题)|会议的(?:主要)?任务|"
            r"(?:主要|目的)是|召开[^。！？]{0,30}(?:会议|大会|座谈会)[^。！？]{0,10}(?:就是|主要是|目的是|旨在|是为了)|"
            r"专门召开|听取[^。！？]{0,20}(?:意见|建议)|报告工作|向大会(?:报告|作)|作(?:个|一个)?说明|"
            r"(?:今天|这次|此次)[^。！？]{0,8}(?:召开|举行|举办)|研究部署|安排部署"
        ),
    ),
    (
        "review",
        compile_later(
            r"回顾|过去(?:的)?(?:一年|五年|几年)|一年来|五年来|近年来|取得了?[^。！？]{0,12}(?:成绩|成效|成就|进展)|"
            r"成绩来之不易|圆满完成|稳中有进|实现了|完成了|增长[0-9一二三四五六七八九十]|达到[0-9]|"
            r"新增[0-9]|累计|突破[0-9]|取得了|迈出|创历史|这五年|过去五年|发生后"
        ),
    ),
    ("significance", compile_later(r"意义|十分必要|很有必要|非常重要|至关重要|重要举措|关系到|事关")),
    (
        "thanks",
        compile_later(r"感谢|谢意|敬意|致敬|辛勤(?:工作|付出|努力)|付出了?(?:艰辛|辛勤)|谢忱|衷心的感谢"),
    ),
    (
        "call",
        compile_later(
            r"让我们|号召|动员|携手|奋斗|奋进|拼搏|共同努力|团结一心|勇毅前行|砥砺前行|再创|再立新功|开创"
        ),
    ),
    (
        "requirements",
        compile_later(r"希望|要求|必须|务必|要(?:切实|认真|进一步|始终|坚持|不断)|各级[^。！？]{0,12}要"),
    ),
    (
        "wishes",
        compile_later(
            r"祝愿|预祝|祝大家|祝各位|祝(?:你们|同志们|全体)|身体健康|万事如意|阖家幸福|圆满成功|节日快乐"
        ),
    ),
    ("thanks-for-listening", compile_later(r"谢谢(?:大家|各位)?[！。!]?$|谢谢大家")),
)


def moves_of(text: str) -> list[str]:
    """The moves ``text`` makes, in the order of ``MOVES``."""
    found = [move for move, pattern in _CUES if pattern.search(text)]
    if "thanks-for-listening" in found and len(text) <= 12:
        return ["thanks-for-listening"]  # 谢谢大家！ alone thanks for listening, nothing else
    return found
