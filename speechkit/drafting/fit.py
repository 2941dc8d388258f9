"""Which phrases fit a draft: its occasion, its speaker's level, its topic.

Salutations, openings, transitions and closings are the voice of one
occasion: they come from phrases of that occasion, else from phrases that
say nothing of any other occasion (``谢谢大家！`` fits every speech, a
``三八`` greeting fits a festival only). Points may come from any occasion.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from speechkit.bank import statecraft as statecraft_words
from speechkit.bank.model import Phrase
from speechkit.lazyre import compile_later


class _Words:
    """Whether a text holds any of some words: ``in`` for each, no regular expression
    to compile at start-up (a set of CJK first characters costs a compile ~0.2 ms)."""

    __slots__ = ("words",)

    def __init__(self, words: str) -> None:
        self.words = tuple(words.split("|"))

    def search(self, text: str) -> bool:
        return any(map(text.__contains__, self.words))


class _Endings(_Words):
    """Whether a text ends with any of some words."""

    def search(self, text: str) -> bool:
        return text.endswith(self.words)


def _endings(heads: str, tails: str = "", *, alone: bool = True) -> _Endings:
    """``(?:heads)(?:tails)$``, the tail optional where ``alone``."""
    ends = [h + t for h in heads.split("|") for t in tails.split("|") if t]
    return _Endings("|".join([*(heads.split("|") if alone else []), *ends]))


# Words that tie a sentence to one occasion: where they stand, the sentence
# belongs to that occasion and no other.
OCCASION_WORDS: dict[str, _Words] = {
    "festival": _Words("节日|新春|春节|佳节|“三八”|三八|妇女节|“五一”|劳动节|元旦|中秋|团拜|慰问|新年"),
    "commendation": _Words("表彰|受表彰|先进集体|先进个人|劳动模范|劳模|获奖|颁奖"),
    "congress": _Words("代表大会|各位代表|大会的召开|本次大会|这次大会|代表们"),
    "report": _Words("报告工作|请予审议|政府工作报告|向大会报告|政协委员"),
    "symposium": _Words("座谈会|座谈"),
    "ceremony": _Words("论坛|峰会|博览会|总统|国王|总理|女士们|先生们|各位同事|各位来宾|嘉宾|开幕式"),
    "commemoration": _Words("纪念|周年|诞辰"),
    "internal-talk": _Words("汇报会|办公会|例会"),
}


# A greeting or visit is no meeting: what speaks of one (预祝大会圆满成功, 与会同志, 开好这次全会)
# does not fit it.
_MEETING_WORDS = _Words("大会|会议|全会|与会|参会|年会|盛会|理事会|本次会|这次会|会上")
_NOT_A_MEETING = ("festival",)


def foreign_occasions(text: str, occasions: Sequence[str]) -> list[str]:
    """The occasions other than ``occasions`` that ``text`` speaks of."""
    found = [o for o, pattern in OCCASION_WORDS.items() if o not in occasions and pattern.search(text)]
    if any(o in _NOT_A_MEETING for o in occasions) and _MEETING_WORDS.search(text):
        found.append("meeting")
    if "ceremony" not in occasions and statecraft_words.speaks_of_statecraft(text):
        found.append("statecraft")  # a head of state's foreign policy fits a ceremony only
    return found


# An address to the audience inside a point (各位代表！ in a report's body).
_ADDRESS_RE = compile_later(
    r"(?:(?<=^)|(?<=[。！？]))(?P<who>(?:各位|尊敬的)?[^\s，。！？、：“”]{1,8}?(?:代表|来宾|嘉宾|委员|同事|同志|朋友|女士|先生)们?"
    r"(?:、[^\s，。！？、：“”]{1,8}?(?:代表|来宾|嘉宾|委员|同事|同志|朋友|女士|先生)们?)*)[！，]"
)


def without_foreign_address(text: str, occasions: Sequence[str]) -> str:
    """``text`` without the addresses to another occasion's audience: a
    sentence that is only an address goes, a leading one is cut off."""
    if not occasions:
        return text
    return _ADDRESS_RE.sub(lambda m: "" if foreign_occasions(m["who"], occasions) else m[0], text)


def fits_occasion(phrase: Phrase, occasions: Sequence[str]) -> bool:
    """Of the draft's occasion, or of none: it names no other occasion."""
    if not occasions:
        return True
    if _mined_as_statecraft(phrase, occasions):
        return False
    return _text_fits_occasion(phrase.all_text(), tuple(occasions))


def _mined_as_statecraft(phrase: Phrase, occasions: Sequence[str]) -> bool:
    """Its words as mined spoke of foreign policy, though a slot may have taken
    the body's name out of its text (把{org}打造成…新型多边开发银行)."""
    return statecraft_words.TAG in phrase.tags and "ceremony" not in occasions


@lru_cache(maxsize=4096)  # a draft asks again for every section of the same kind
def _text_fits_occasion(text: str, occasions: tuple[str, ...]) -> bool:
    return not foreign_occasions(text, occasions)


# What the source's speaker did and said before, in the first person (我先后在延安…召开,
# 这次是…后我主持召开的, 是我在…报告中提出的): no other speaker can say it.
_OWN_ACTS_RE = compile_later(
    r"我(?![们国市县省区厂])[^。！？，；]{0,20}?"
    r"(?:主持召开|主持了|先后在|曾在|曾经|亲自|考察|调研|视察|走访|讲过|说过|提出的|提出了|提出过|强调过|批示)"
)


def own_acts(text: str) -> bool:
    return "我" in text and bool(_OWN_ACTS_RE.search(text))


def statecraft(phrase: Phrase, occasions: Sequence[str]) -> bool:
    """A point of foreign policy in a draft for anything but a ceremony: so mined,
    or so by its words (what foreign_occasions says of it, without the other
    occasions' words)."""
    if "ceremony" in occasions:
        return False
    return statecraft_words.TAG in phrase.tags or statecraft_words.speaks_of_statecraft(phrase.all_text())


def of_occasion(phrase: Phrase, occasions: Sequence[str]) -> bool:
    return phrase.occasion in occasions


# ------------------------------------------------------------------- level

# A speaker's own body or place by its level, as a phrase names it.
_LEVEL_WORDS: tuple[tuple[str, _Words], ...] = (
    ("national", _Words("中央企业|央企")),  # the central SOEs' own speaker: 国资委, their unions
    ("province", _Words("省|自治区")),
    ("city", _Words("市|首都")),
    ("county", _Words("县|区|旗|乡镇")),
    ("enterprise", _Words("厂|公司|集团|矿|企业")),
)
_ORGANS = "委|政府|人民政府"
_UNIT_LEVEL: tuple[tuple[str, _Words], ...] = (
    ("enterprise", _endings("公司|集团|厂|矿|企业", "工会|工会委员会", alone=False)),
    ("union", _endings("工会|工会委员会")),
    ("province", _endings("省|自治区", _ORGANS)),
    ("city", _endings("市", _ORGANS)),
    ("county", _endings("县|区|旗", _ORGANS)),
    ("enterprise", _endings("公司|集团|厂|矿|企业|银行")),
)
_PLACE_LEVEL = compile_later(r"(?P<unit>省|自治区|市|县|区|旗)")


def draft_level(slots: Mapping[str, str], template_level: str | None) -> str | None:
    """The speaker's level: the template's, else what the user's org or place says
    (郴州市 → city; 某某公司 → enterprise; a union below a place takes the place's)."""
    if template_level:
        return template_level
    for name in ("org", "place"):
        value = slots.get(name, "")
        if not value:
            continue
        m = _PLACE_LEVEL.search(value)
        if m and name == "org" and not re.search(r"(?:公司|集团|厂)$", value):
            return {"省": "province", "自治区": "province", "市": "city"}.get(m.group("unit"), "county")
        for level, pattern in _UNIT_LEVEL:
            if pattern.search(value):
                return level
    return None


@lru_cache(maxsize=1024)  # the same few words (全市, 我县) in every phrase
def level_of_word(word: str) -> str | None:
    """The level a level word speaks from: 全县 → county; 首都 is a seat of its own."""
    if word == "首都":
        return "capital"
    return next((level for level, pattern in _LEVEL_WORDS if pattern.search(word)), None)


def _fits(word_level: str | None, level: str | None) -> bool:
    if level is None or word_level in (None, "capital"):
        return False
    return word_level == level or (level == "union" and word_level != "enterprise")


@lru_cache(maxsize=1024)
def level_word_fits(word: str, level: str | None) -> bool:
    """A level word (全市, 我厂, 首都) that the draft's speaker may say of themself."""
    return _fits(level_of_word(word), level)


_REGIONAL = frozenset({"province", "city", "county", "union"})


def seat_fits(seat: str | None, level: str | None) -> bool:
    """A speech given from ``seat`` (the level most of its level words speak
    from) can lend its points to a speaker of ``level``: unknown either way, it
    can; a county's to a city (its 全县 marked to check), as their matters are
    alike; a factory's (车间, 班组, 员工) or the capital's to neither."""
    if seat is None or level is None or _fits(seat, level):
        return True
    return seat in _REGIONAL and level in _REGIONAL


def other_level_words(phrase: Phrase, level: str | None) -> int:
    """How many of a phrase's level words belong to another level than the draft's."""
    return sum(1 for s in phrase.specifics if s.kind == "level" and not level_word_fits(s.text, level))


# ------------------------------------------------------------------- topic


# A draft keeps a point's first sentences; a topic named only further down
# would not be seen in it.
_TOPIC_BODY_SPAN = 300


def said_of(phrase: Phrase) -> tuple[str, str]:
    """What a point says of its matter: its heading, and its body's opening."""
    return phrase.heading or phrase.text, "\n".join(phrase.body)[:_TOPIC_BODY_SPAN]


def on_topic(phrase: Phrase, topic: Sequence[str]) -> bool:
    """About the topic: a topic word in the heading, or twice in the body's opening."""
    heading, body = said_of(phrase)
    return any(word in heading or body.count(word) >= 2 for word in topic)
