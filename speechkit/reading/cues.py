"""Word lists and patterns that mark the parts of a speech.

Kept apart from the parser so that they can be read, and extended, in one
place. Everything here works on normalised text (full-width punctuation).
"""

from __future__ import annotations

import re

_HAN = "\u4e00-\u9fff"

# People a speech is addressed to: the core of a salutation item.
_PLURALS = (
    "同志们|代表们|委员们|朋友们|女士们|先生们|同学们|老师们|同事们|职工们|员工们|干部们|家人们|"
    "会员们|校友们|战友们|家长们|乡亲们|伙伴们|青年们|姐妹们|兄弟们|来宾们|嘉宾们|同胞们|亲人们|"
    "孩子们|小朋友们|老同志们|企业家们|科学家们|工作者们|劳动者们"
)
_SINGULARS = "同志|代表|委员|领导|来宾|嘉宾|朋友|同事|同仁|各界人士|老师|同学|专家"
PLURAL_RE = re.compile(_PLURALS)

# Titles a single person is addressed by: 主席先生, 秘书长先生, 国王陛下.
_HONORIFICS = "先生|女士|阁下|陛下|殿下"
_ITEM = (
    rf"(?:(?:尊敬的|亲爱的)[{_HAN}·]{{1,20}}"
    rf"|(?:各位|全体|在座的|在座各位|广大|与会)[{_HAN}]{{1,8}}"
    rf"|各[{_HAN}]{{1,6}}?(?:团长|代表|嘉宾|来宾|朋友|同事|领导|负责人|同志)"
    rf"|[{_HAN}]{{1,6}}?(?:{_HONORIFICS})"
    rf"|[{_HAN}]{{0,4}}?(?:{_PLURALS}))"
)
# Stricter: an address opening a sentence must name people we know of.
_ADDRESS_ITEM = (
    rf"(?:(?:各位|全体|在座的|在座各位|广大|与会)[{_HAN}]{{0,4}}?(?:{_PLURALS}|{_SINGULARS})"
    rf"|(?:主席|秘书长|总干事)(?:{_HONORIFICS})"
    rf"|[{_HAN}]{{0,2}}?(?:{_PLURALS}))"
)
# A whole salutation: items joined by 、 or ，, ending in ：
SALUTATION_RE = re.compile(rf"{_ITEM}(?:[、，]{_ITEM}){{0,7}}：")

# Stricter, for a salutation found where nothing else marks it (glued after a
# title and byline, or before the body on one line): every item ends in a word
# that names people (总统, 同事, 朋友们, 先生), so it may be long.
_HEADS = (
    rf"{_PLURALS}|{_SINGULARS}|{_HONORIFICS}|总统|总理|主席|国王|首相|秘书长|总干事|元首|首脑|团长|理事|"
    "部长|书记|省长|市长|县长|大使|会长|校长|院长|董事长|总裁|主任|负责人|工会主席"
)
_STRICT_ITEM = rf"(?:尊敬的|亲爱的)?(?:各位|全体|在座的|与会的?|广大|各)?[{_HAN}·]{{0,16}}?(?:{_HEADS})"
STRICT_SALUTATION_RE = re.compile(rf"{_STRICT_ITEM}(?:[、，]{_STRICT_ITEM}){{0,14}}：")
# A run of "尊敬的…，" items opening a speech with no colon after them.
UNCOLONED_SALUTATION_RE = re.compile(rf"(?:尊敬的[{_HAN}·、]{{1,30}}?(?:{_HEADS})，){{2,}}")
# A line that is nothing but an address and "！" ("同志们！") also opens a speech.
SALUTATION_LINE_RE = re.compile(rf"{_ITEM}(?:[、，]{_ITEM}){{0,7}}！")
# The same address opening a sentence of the closing: "同志们，…" "各位代表、同志们！"
ADDRESS_RE = re.compile(rf"{_ADDRESS_ITEM}(?:[、，]{_ADDRESS_ITEM}){{0,7}}[，！]")
# An address that is a whole paragraph: "同志们！", "女士们、先生们、朋友们！"
ADDRESS_ALONE_RE = re.compile(rf"{_ADDRESS_ITEM}(?:[、，]{_ADDRESS_ITEM}){{0,7}}！")

HEADING_END = "。！？；"

# Sentences that announce the points: 讲三点意见, 谈几点看法, 提3点倡议,
# 提出以下建议, and, right before the first point, 我建议： / 中国主张：
TRANSITION_CUE_RE = re.compile(
    r"(?:讲|谈|提|强调|说|讲讲|谈谈|提出|交流)(?:以下|这么|这样|如下)?"
    r"(?P<count>[一二两三四五六七八九十几]{1,2}|[0-9]{1,2})"
    r"(?:点|个方面|个问题|个意见|方面|条)"
    r"(?:意见|看法|想法|要求|希望|体会|认识|建议|感受|内容|倡议|主张)?"
    r"|(?:提出|提)(?:以下|如下)(?:建议|倡议|主张|意见|看法)"
    r"|^(?:我|我们|中国|中方)(?:愿|想)?(?:建议|主张|倡议|提议|呼吁)：$"
)
# Where inside its sentence a transition starts, when not at the sentence start.
TRANSITION_START_RE = re.compile(r"下面|接下来|在此|借此机会|这里|现在，|为此，")

# Paragraph starts that open the closing part.
CLOSING_PARAGRAPH_RE = re.compile(
    r"(?:最后，|总之，|总而言之|综上|让我们|谢谢|预祝|祝愿|衷心祝愿|再次|借此机会)"
)
# Sentence starts strong enough to open the closing even inside a paragraph
# (texts copied from the web often have no line breaks at all).
CLOSING_SENTENCE_RE = re.compile(r"(?:让我们|最后，(?:预)?祝|谢谢(?:大家|各位)|预祝)")

# Thanks alone: the last words of many speeches.
THANKS_RE = re.compile(r"谢谢(?:大家|各位|你们)?[！。]?(?:再见[！。]?)?")
# A final call or wish that ends a speech: "…而努力奋斗！", "…新的更大贡献！", "…万古长青！".
FINAL_CALL_RE = re.compile(
    r"(?:而(?:共同|不懈|继续|团结)?(?:努力)?奋斗|新的(?:更大的?)?贡献|万古长青|万岁|光临指导|圆满成功|"
    r"美好的?明天|新的(?:更大的?)?(?:辉煌|胜利|成绩)|新篇章|新局面|再创佳绩|再立新功)！$"
)

# A heading glued to its body: the body often starts with a time word.
GLUED_BODY_RE = re.compile(
    rf"(?<=[{_HAN}]{{4}})(?:今年|去年|明年|当前|目前|近年来|多年来|一年来|近几年来|今后|过去一年|新的一年)(?=，)"
)

# Words that end a heading: where a body glued to it without punctuation
# may begin ("…的责任感安全生产事关…").
HEADING_FINAL_RE = re.compile(
    r"(?:责任感|紧迫性|重要性|必要性|主动性|积极性|创造性|实效|水平|能力|作用|建设|机制|体系|意识|局面|"
    r"实处|整治|保障|贡献|力度|质量|效率|成效|新篇章|新局面|新突破|新成效|新进展|新步伐|新成绩|新发展|"
    r"工作|任务|目标|活力|优势|作为|底线|红线|环境|氛围|合力|大局|过程|框架|问题|考虑|情况|思路|原则|举措|"
    r"措施|部署|安排|成就|经验|形势)"
)

# Words a title line never is.
NOT_A_TITLE_RE = re.compile(r"^(?:谢谢|再见|此致|附件|注：)")

# Sentences of greeting, thanks and good wishes: mined as phrases on their own.
FORMULA_RE = re.compile(r"之际|祝贺|问候|欢迎|感谢|敬意|预祝|祝愿|祝福|谢谢|致以|^祝|，祝")
