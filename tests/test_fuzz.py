"""Property tests with hypothesis: nothing raises, round trips hold.

A longer campaign of the same properties runs from bench/fuzz.py (not in CI).
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speechkit.bank.files import load_file
from speechkit.bank.load import load_bank
from speechkit.bank.model import Phrase, Source
from speechkit.drafting.assemble import assemble
from speechkit.drafting.render import to_text
from speechkit.drafting.templates import list_templates
from speechkit.reading.normalise import normalise
from speechkit.reading.parser import parse_text

from .conftest import DEFAULT_BANK

EXAMPLES = int(os.environ.get("SPEECHKIT_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MARKERS = [
    "一、",
    "二、",
    "十一、",
    "（一）",
    "(二)",
    "1.",
    "2、",
    "（1）",
    "(2)",
    "①",
    "②",
    "一是",
    "二是",
    "第一，",
    "第二，",
    "首先，",
    "其次，",
    "最后，",
    "同志们：",
    "各位代表、同志们：",
    "谢谢大家！",
    "下面，我讲三点意见：",
    "工会讲话篇一",
    "?",
    "\u201c",
    "\u201d",
    "x",
    "20xx年",
    "{org}",
    "{{",
    "}",
]
PIECES = st.one_of(
    st.sampled_from(MARKERS),
    st.sampled_from(list("。！？；：，、 \n\r\t()（）【】《》“”‘’…—·")),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80), min_size=1, max_size=12),
    st.text(max_size=8),
)
SPEECHY = st.lists(PIECES, max_size=60).map("".join)


@FUZZ
@given(st.text())
def test_parser_never_raises_on_any_text(text: str) -> None:
    for speech in parse_text(text):
        speech.to_dict()


@FUZZ
@given(SPEECHY)
def test_parser_never_raises_on_marker_soup(text: str) -> None:
    speeches = parse_text(text)
    for speech in speeches:
        for point in speech.all_points():
            assert point.number >= 1
            assert point.heading == point.heading.strip()


@FUZZ
@given(st.text())
def test_normalised_offsets_point_into_the_raw_text(text: str) -> None:
    nt = normalise(text)
    for i in range(0, len(nt.text), max(1, len(nt.text) // 20)):
        assert 0 <= nt.origin(i) <= len(text)
        assert 1 <= nt.line_of(i) <= text.count("\n") + text.count("\r") + 1


# Any text a bank may hold: no control characters, surrogates or noncharacters (speechkit.chars).
SCALAR = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip())


@FUZZ
@given(
    text=SCALAR,
    keywords=st.lists(SCALAR, max_size=4),
    file=SCALAR,
    count=st.integers(1, 10**6),
    curated=st.booleans(),
)
def test_a_bank_entry_survives_dump_and_load(
    tmp_path_factory: pytest.TempPathFactory,
    text: str,
    keywords: list[str],
    file: str,
    count: int,
    curated: bool,
) -> None:
    text = text.replace("{", "{{").replace("}", "}}")
    phrase = Phrase(
        id="opening-x",
        kind="opening",
        text=text,
        keywords=keywords,
        tags=["t"],
        count=count,
        sources=[Source(file, 1, 2)],
        curated=curated,
    )
    path = tmp_path_factory.mktemp("b") / "openings.yaml"
    path.write_text("kind: opening\nphrases:\n" + phrase.to_yaml(), encoding="utf-8")
    (back,) = load_file(path, "opening")
    assert back == phrase


BANK = load_bank(DEFAULT_BANK)
TEMPLATES = list_templates(DEFAULT_BANK)
VALUE = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=20)


@FUZZ
@given(
    seed=st.integers(0, 2**32),
    template=st.sampled_from(TEMPLATES),
    value=VALUE,
    minutes=st.one_of(st.none(), st.floats(1, 30)),
)
def test_any_seed_and_slot_values_give_a_valid_draft(
    seed: int, template: object, value: str, minutes: float | None
) -> None:
    # any value in every slot but the year, which must be a year (a test of its own refuses others)
    slots = {name: value for name in template.slots if name != "year"}  # type: ignore[attr-defined]
    draft = assemble(BANK, template, slots=slots, seed=seed, minutes=minutes)  # type: ignore[arg-type]
    text = to_text(draft)
    assert draft.blocks[0].kind == "title"
    # every slot took the value literally; no slot token of ours is left over
    leftovers = re.findall(r"\{[a-z]+\}", text.replace(value, ""))
    assert leftovers == []
    paragraphs = [b.text for b in draft.blocks]
    assert len(paragraphs) == len(set(paragraphs)) or value in "".join(paragraphs)


@FUZZ
@given(seed=st.integers(0, 10**6), template=st.sampled_from(TEMPLATES))
def test_render_then_parse_gives_the_structure_back(seed: int, template: object) -> None:
    slots = {name: "某某" for name, spec in template.slots.items() if spec.required}  # type: ignore[attr-defined]
    draft = assemble(BANK, template, slots=slots, seed=seed)  # type: ignore[arg-type]
    (speech,) = parse_text(to_text(draft))
    assert speech.title == draft.title
    assert speech.salutation is not None
    assert speech.salutation.text == next(b.text for b in draft.blocks if b.kind == "salutation")
    points = next(p for p in draft.parts if p.kind == "points")
    assert len(speech.points) == len(points.items)
    for parsed, item in zip(speech.points, points.items, strict=True):
        phrase = BANK.get(item.id or "")
        assert phrase is not None
        assert (
            parsed.heading
            == (phrase.heading or phrase.text).replace("{year}", draft.slots.get("year", "{year}"))[
                : len(parsed.heading)
            ]
            or "【" in parsed.heading
        )
        assert len(parsed.children) == len(item.children)
    closing = [b.text for b in draft.blocks if b.section == "closing"]
    if closing:
        assert [p.text for p in speech.closing][-1] == closing[-1]
