"""Optional fast segmentation: rjieba gives jieba's tokens (HMM off), or we fall back."""

from __future__ import annotations

import pytest

from speechkit.mining import keywords
from speechkit.reading.corpus import read_file

from .conftest import FIXTURES, SEED_FILE

rjieba = pytest.importorskip("rjieba", reason="rjieba is not installed (pip install 'speechkit[fast]')")


def texts() -> list[str]:
    files = [SEED_FILE, *sorted(FIXTURES.glob("*.txt"))]
    return [read_file(f).text for f in files]


def test_rjieba_tokens_equal_jiebas_on_seeds_and_fixtures() -> None:
    tokenizer = keywords.tokenizer()
    for text in texts():
        for paragraph in text.splitlines():
            assert list(rjieba.cut(paragraph, hmm=False)) == tokenizer.lcut(paragraph, HMM=False)


def test_keywords_are_the_same_with_either_segmenter(monkeypatch: pytest.MonkeyPatch) -> None:
    paragraphs = [p for t in texts() for p in t.splitlines() if len(p) > 20][:60]

    def all_keywords() -> list[list[str]]:
        keywords._rjieba.cache_clear()
        keywords._idf_table.cache_clear()
        return [keywords.keywords(p) for p in paragraphs]

    monkeypatch.delenv("SPEECHKIT_SEGMENTER", raising=False)
    fast = all_keywords()
    assert keywords.segmenter() == "rjieba"
    monkeypatch.setenv("SPEECHKIT_SEGMENTER", "jieba")
    plain = all_keywords()
    assert keywords.segmenter() == "jieba"
    assert fast == plain
    monkeypatch.delenv("SPEECHKIT_SEGMENTER")
    keywords._rjieba.cache_clear()
    keywords._idf_table.cache_clear()


def test_without_rjieba_jieba_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_rjieba(name: str, *args: object, **kwargs: object) -> object:
        if name == "rjieba":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_rjieba)
    keywords._rjieba.cache_clear()
    try:
        assert keywords.segmenter() == "jieba"
        assert keywords.segment("工会组建工作") == keywords.tokenizer().lcut("工会组建工作", HMM=False)
    finally:
        keywords._rjieba.cache_clear()
