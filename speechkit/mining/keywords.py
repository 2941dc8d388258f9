"""Segmentation and keywords: the only module that segments text.

Only mining imports this module, so the drafting commands never pay for a
segmenter's import or its dictionary. We segment with ``rjieba`` (jieba-rs,
a dependency wherever PyPI has a wheel of it): jieba's dictionary and, with
HMM off, jieba's tokens (a test compares them), many times faster. jieba
stays the reference and the fallback: where rjieba is missing, or with
``SPEECHKIT_SEGMENTER=jieba``, we use our own ``jieba.Tokenizer`` (never the
global one), HMM off so tokens are stable across runs and versions, with its
cache in the user's cache folder rather than a shared /tmp file. Either way
word frequencies and name tags come from jieba's dict.txt.
"""

from __future__ import annotations

import hashlib
import heapq
import importlib.util
import logging
import marshal
import math
import os
from collections import Counter
from functools import lru_cache
from itertools import compress, repeat
from operator import is_not
from pathlib import Path
from typing import Any, BinaryIO

from speechkit.paths import cache_dir

# Function words and the stock vocabulary of every speech: they say nothing
# about a phrase's topic.
STOPWORDS = frozenset(
    """
    我们 你们 他们 大家 自己 这个 那个 这些 那些 一个 一些 各种 有关 进行 通过 以及 并且 而且
    但是 因为 所以 如果 虽然 就是 还是 或者 不是 没有 已经 正在 能够 可以 需要 应该 必须 一定
    同时 其中 之一 方面 问题 情况 工作 方面 进一步 不断 积极 认真 切实 努力 充分 全面 加强
    坚持 推动 推进 开展 提高 实现 发挥 作用 重要 主要 更加 今年 去年 明年 当前 目前 今后
    这样 那样 怎样 什么 如何 为了 对于 关于 根据 按照 围绕 作为 成为 以来 之际 下面 最后 首先
    其次 再次 第一 第二 第三 一是 二是 三是 四是 五是 同志 同志们 各位 各级 广大 全体 xx
    """.split()
)

MAX_KEYWORDS = 6
# Keywords come from a phrase's opening stretch: enough to say what it is
# about, and a 50 MB paragraph then costs no more than a short one.
KEYWORD_SPAN = 300


@lru_cache(maxsize=1)
def tokenizer() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tok.tmp_dir = str(folder)
    except OSError:
        pass  # no writable cache: jieba builds its dictionary in memory each run
    tok.cache_file = f"jieba-{jieba.__version__}.cache"
    tok.initialize()
    return tok


@lru_cache(maxsize=1)
def _rjieba() -> Any:
    """The rjieba module when installed and not switched off, else None."""
    if os.environ.get("SPEECHKIT_SEGMENTER", "").lower() == "jieba":
        return None
    try:
        import rjieba
    except ImportError:
        return None
    return rjieba


def segmenter() -> str:
    """The segmenter mining uses here: ``rjieba``, or ``jieba`` where it falls back."""
    return "rjieba" if _rjieba() is not None else "jieba"


def segment(text: str) -> list[str]:
    """Tokens of ``text``, HMM off."""
    fast = _rjieba()
    if fast is not None:
        tokens: list[str] = fast.cut(text, hmm=False)  # already a new list
        return tokens
    result: list[str] = tokenizer().lcut(text, HMM=False)
    return result


class _Rarity(dict[str, "float | None"]):
    """How rare each word is in jieba's dictionary (its idf), worked out once a
    word per process; None for a token that is never a keyword (too short, not
    Chinese, a stopword), so a token costs one look-up however often it recurs."""

    _MAX = 300_000  # distinct tokens kept (numbers and names make the set open-ended)

    def __init__(self, freq: dict[str, int], total: int) -> None:
        super().__init__()
        self.freq = freq
        self.log_total = math.log(total)

    def __missing__(self, token: str) -> float | None:
        if len(token) < 2 or not "\u4e00" <= token[0] <= "\u9fff" or token in STOPWORDS:
            rarity = None
        else:
            rarity = self.log_total - math.log(self.freq.get(token, 0) + 1)
        if len(self) >= self._MAX:
            self.clear()
        self[token] = rarity
        return rarity


@lru_cache(maxsize=1)
def _idf_table() -> _Rarity:
    """Word frequencies of jieba's dictionary, for rarity."""
    if _rjieba() is None:
        tok = tokenizer()
        return _Rarity(tok.FREQ, tok.total)
    freq, total, _ = _dictionary_tables()
    return _Rarity(freq, total)


# The tags that may name something (places, organisations, people, other
# proper nouns); the rest of the dictionary's tags are not kept.
_NAME_TAGS = frozenset({"ns", "nt", "nr", "nrfg", "nrt", "nz"})


@lru_cache(maxsize=1)
def dictionary_tags() -> dict[str, str]:
    """jieba's dictionary tag of every word that may be a name: ``{"郴州": "ns"}``."""
    return _dictionary_tables()[2]


@lru_cache(maxsize=1)
def _dictionary_tables() -> tuple[dict[str, int], int, dict[str, str]]:
    """jieba's dict.txt as {word: frequency}, its total, and the name tags,
    without building jieba's prefix dictionary (rjieba has its own); cached
    as marshal in the user cache, named after the dictionary file it was read
    from, so reading it needs no ``import jieba`` (0.2 s)."""
    path = _dictionary_file()
    try:
        info = path.stat()
        stamp = f"{path}:{info.st_size}:{info.st_mtime_ns}"
    except OSError:
        stamp = str(path)
    key = hashlib.sha1(stamp.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    cache = cache_dir() / f"jieba-tables-{key}.marshal"
    try:
        freq, total, tags = marshal.loads(cache.read_bytes())
        if isinstance(freq, dict) and isinstance(total, int) and isinstance(tags, dict):
            return freq, total, tags
    except (OSError, EOFError, ValueError, TypeError):
        pass
    freq = {}
    tags = {}
    total = 0
    with _open_dictionary(path) as fh:
        for raw in fh:
            parts = raw.decode("utf-8").split(" ")
            if len(parts) >= 2:
                count = int(parts[1])
                freq[parts[0]] = count
                total += count
                if len(parts) >= 3 and parts[2].strip() in _NAME_TAGS:
                    tags[parts[0]] = parts[2].strip()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps((freq, total, tags)))
        os.replace(tmp, cache)
    except OSError:
        pass
    return freq, total, tags


def _dictionary_file() -> Path:
    """Where jieba's dict.txt lies, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba")
    return Path(spec.origin).parent / "dict.txt"


def _open_dictionary(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError:  # not a plain file (a zipped install): jieba knows how to read it
        import jieba

        fh: BinaryIO = jieba.Tokenizer().get_dict_file()
        return fh


def keywords(text: str, limit: int = MAX_KEYWORDS) -> list[str]:
    """The words that best say what ``text`` is about, most telling first.

    Only the first ``KEYWORD_SPAN`` characters are read.
    """
    return keywords_of_tokens(segment(text[:KEYWORD_SPAN]), limit)


def keywords_of_tokens(tokens: list[str], limit: int = MAX_KEYWORDS) -> list[str]:
    """Keywords from tokens already segmented: scored by frequency in the text
    times rarity in jieba's dictionary (a tf-idf without a separate corpus);
    ties keep the order of first use."""
    rarity = _idf_table()
    # Counter keeps the order of first use, so a word's place in it breaks ties
    counts = Counter(compress(tokens, map(is_not, map(rarity.__getitem__, tokens), repeat(None))))
    scored = [(-n * rarity[word], k, word) for k, (word, n) in enumerate(counts.items())]  # type: ignore[operator]
    return [word for _, _, word in heapq.nsmallest(limit, scored)]
