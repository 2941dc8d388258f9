"""Segmentation: rjieba, the default, gives jieba's tokens (HMM off); without it we fall back to jieba."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechkit.mining import extract as extract_module
from speechkit.mining import keywords
from speechkit.mining.extract import extract
from speechkit.reading.corpus import read_file

from .conftest import DEFAULT_BANK, FIXTURES, SEED_FILE

rjieba = pytest.importorskip("rjieba", reason="rjieba has no wheel for this platform: speechkit uses jieba")


def texts() -> list[str]:
    files = [SEED_FILE, *sorted(FIXTURES.glob("*.txt"))]
    return [read_file(f).text for f in files]


def test_rjieba_tokens_equal_jiebas_on_seeds_and_fixtures() -> None:
    tokenizer = keywords.tokenizer()
    for text in texts():
        for paragraph in text.splitlines():
            assert list(rjieba.cut(paragraph, hmm=False)) == tokenizer.lcut(paragraph, HMM=False)


def test_the_default_segmenter_is_rjieba_and_gives_jiebas_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPEECHKIT_SEGMENTER", raising=False)
    keywords._rjieba.cache_clear()
    assert keywords.segmenter() == "rjieba"
    tokenizer = keywords.tokenizer()
    for text in texts():  # whole files, as mining segments a heading and its body together
        paragraphs = text.splitlines()
        for start in range(0, len(paragraphs), 5):
            chunk = "\n".join(paragraphs[start : start + 5])
            assert keywords.segment(chunk) == tokenizer.lcut(chunk, HMM=False)


def test_a_bank_mined_with_jieba_is_the_default_bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_all(folder: Path) -> dict[str, bytes]:
        return {f.name: f.read_bytes() for f in sorted(folder.glob("*.yaml"))}

    monkeypatch.chdir(DEFAULT_BANK.parent)
    monkeypatch.setenv("SPEECHKIT_SEGMENTER", "jieba")
    keywords._rjieba.cache_clear()
    keywords._idf_table.cache_clear()
    extract_module._KNOWLEDGE_MEMO.clear()  # what rjieba found for these texts earlier in this process
    try:
        report = extract(["seeds"], tmp_path / "jieba", jobs=1)
    finally:
        keywords._rjieba.cache_clear()
        keywords._idf_table.cache_clear()
    assert report.to_dict()["segmenter"] == "jieba"
    assert read_all(tmp_path / "jieba") == read_all(DEFAULT_BANK)


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
