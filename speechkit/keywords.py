"""Keywords with jieba: the only module that segments text.

Only mining imports this module, so the drafting commands never pay for
jieba's import or its dictionary. We use our own ``jieba.Tokenizer`` (never
the global one), HMM off so tokens are stable across runs and versions, and
keep its cache in the user's cache folder rather than a shared /tmp file.
"""

from __future__ import annotations

import logging
import math
from functools import lru_cache
from typing import Any

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


def segment(text: str) -> list[str]:
    """jieba tokens of ``text``, HMM off."""
    result: list[str] = tokenizer().lcut(text, HMM=False)
    return result


@lru_cache(maxsize=1)
def _idf_table() -> tuple[dict[str, int], float]:
    tok = tokenizer()
    return tok.FREQ, math.log(tok.total)


def keywords(text: str, limit: int = MAX_KEYWORDS) -> list[str]:
    """The words that best say what ``text`` is about, most telling first.

    Scored by frequency in the text times rarity in jieba's dictionary
    (a tf-idf without a separate corpus); ties keep the order of first use.
    Only the first ``KEYWORD_SPAN`` characters are read.
    """
    freq, log_total = _idf_table()
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for k, token in enumerate(tokenizer().cut(text[:KEYWORD_SPAN], HMM=False)):
        if len(token) < 2 or not "\u4e00" <= token[0] <= "\u9fff" or token in STOPWORDS:
            continue
        counts[token] = counts.get(token, 0) + 1
        first.setdefault(token, k)

    def score(word: str) -> tuple[float, int]:
        rarity = log_total - math.log(freq.get(word, 0) + 1)
        return (-counts[word] * rarity, first[word])

    return sorted(counts, key=score)[:limit]
