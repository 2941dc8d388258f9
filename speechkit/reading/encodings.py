"""Decoding corpus files: UTF-8 (with or without BOM), UTF-16 with a BOM,
GB18030/GBK or Big5, and never mojibake.

UTF-8 and UTF-16 with a BOM say what they are. Legacy double-byte encodings
do not, and most bytes of one decode without error in another: Big5 read as
GB18030 gives a stream of rare characters. So each candidate decoding is
scored by how much of its text is everyday Chinese (the commonest
characters, simplified and traditional, and CJK punctuation); the best one
wins if it reads like Chinese at all, else the file is refused.
"""

from __future__ import annotations

import codecs
import re

from speechkit.errors import CorpusError

# The 500 commonest characters of the seed speeches and banks, and the
# traditional forms of those (they cover about 90% of a speech's characters).
_COMMON_SIMPLIFIED = (
    "工的会职作要业和建动发组展企中力实大进新一全为织强在劳加是开设主重创了各好群务级众活化合有"
    "面以关提权人体经推国法不维理制我生成心益年部系保社分市出民导广方党护等立对定改员事点政服能"
    "高们挥入管精机用深济与步来地同资表结增代持求位上干班极产谐区神意善更到学技形把央任稳积园基"
    "做帮充集认切项度难过现领文围扶总模断量落势质坚着解平行协三识局完促革团时性健于式造公标就效"
    "先目科绕家困调决起升思际献真得范内竞自利需委题想取向快都前议程责阶县素本构型规之府办指赛贯"
    "紧优培风彻应明确长当示下通层贡运二个特障术响首统助共引施多聚努影环问情联营功队准争讲评身凝"
    "境育较伍去志突续商单才激安召今治厂参路线正习抓四及依最扎司小期第注五见这使转泛律源督康郴州"
    "道节些水处监报命策因扩义奥并考视也带扬训计信北观针其良署支容所率查条彰兴色显后外热感爱战配"
    "密种矛盾又十绩探索品适严已者台传将京岗比投担措话价放双握变具况知履继两手核电走践教盖祝接研"
    "清富受军础谈宣满足丰根树载弘临日覆门予金验交天件选还养奋拓整迎周遇敬谢网普检固流念庆反别车"
    "样觉诉励约此键再收格息达告次靠而头负他排致董据段航场打域万存找站照赢间从数智援女短融座星划"
    "采值农待让"
)
_COMMON_TRADITIONAL = (
    "並乾來係個們傢傳價優內兩創劃動務勞勢勵區協參員問單嚮嚴國圍園團堅報場奧奮學實將對導層崗帶幫"
    "廠廣強彆後從徹愛慶應戰揚揮擔據擴數斷於時會條業極構標樣樹機檢權決況準滿濟為熱營爭獻現環産當"
    "發監眾睏瞭確礎種積穩競節範約級紮組結統經綫維網緊緻縣總績織繞繼續纔義習聯職臨與興萬著蓋處術"
    "製見規視覺觀計訓設訴評話誌認調談諧講謝識議護變讓豐負貢貫責資質賽贏踐車軍較載轉辦農這進運過"
    "達適選還針錶鍵長門開間閤關隊階際雙難電響項領頭題顯風颱養驗體麵點黨齣"
)
_COMMON = frozenset(
    _COMMON_SIMPLIFIED + _COMMON_TRADITIONAL + "，。、；：？！“”‘’（）《》〈〉—…·【】「」『』〔〕"
)
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f\s]")
_MIN_EVIDENCE = 20  # non-ASCII characters needed before a text is judged
_CHINESE_ENOUGH = 0.3  # real Chinese: 0.6 or more; mojibake: about 0.1


def everyday_share(text: str) -> float:
    """The share of the text's non-ASCII characters that are everyday Chinese."""
    sample = _NON_ASCII_RE.findall(text[:50_000])
    if not sample:
        return 1.0
    return sum(1 for ch in sample if ch in _COMMON) / len(sample)


def _enough_evidence(text: str) -> bool:
    return len(_NON_ASCII_RE.findall(text[:50_000])) >= _MIN_EVIDENCE


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode ``data`` and return (text, encoding); raise CorpusError if it is not text."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif b"\x00" in data:
        raise CorpusError(f"{name}: looks like a binary file, not text; give a .txt or .md file")
    else:
        candidates = ["utf-8", "gb18030", "big5"]
    decoded: list[tuple[str, str]] = []
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _looks_like_text(text):
            continue
        if encoding == "utf-8" or encoding == "utf-8-sig":
            return text, "utf-8"  # bytes that are valid UTF-8 are almost never anything else
        decoded.append((text, "gbk" if encoding == "gb18030" else encoding))
    if not decoded:
        raise CorpusError(
            f"{name}: cannot decode as UTF-8, UTF-16, GB18030 or Big5 text; save it as UTF-8 and try again"
        )
    text, encoding = max(decoded, key=lambda d: everyday_share(d[0]))  # ties: the first (GB18030)
    if _enough_evidence(text) and everyday_share(text) < _CHINESE_ENOUGH:
        tried = " or ".join("GB18030" if e == "gbk" else e.upper() for _, e in decoded)
        raise CorpusError(
            f"{name}: decoded as {tried} it is not Chinese text (another encoding?); "
            "save it as UTF-8 and try again"
        )
    return text, encoding


def _looks_like_text(text: str) -> bool:
    # Random bytes often decode as GB18030; real text has almost no control
    # characters besides line breaks and tabs.
    sample = text[:20000]
    if not sample:
        return True
    controls = len(_CONTROL_RE.findall(sample))
    return controls <= len(sample) // 200


_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # below a space, but not \t \n \f \r
