"""Properties every draft must have, over seeds 0–200 and every template.

The checks read the rendered text itself (markers parsed back from the
lines), not the planner's bookkeeping.
"""

from __future__ import annotations

import re

import pytest

from speechkit.bank.load import load_bank
from speechkit.bank.model import Bank
from speechkit.drafting.assemble import Draft, assemble
from speechkit.drafting.templates import Template, list_templates
from speechkit.reading.numbering import CIRCLED, parse_chinese

from .conftest import DEFAULT_BANK

_CN = "一二三四五六七八九十百零"
MARKER_PATTERNS = {
    "一、": re.compile(f"^([{_CN}]+)、"),
    "（一）": re.compile(f"^（([{_CN}]+)）"),
    "1.": re.compile(r"^(\d+)\."),
    "（1）": re.compile(r"^（(\d+)）"),
    "①": re.compile(f"^([{CIRCLED}])"),
    "一是": re.compile(f"^([{_CN}]+)是"),
    "第一": re.compile(f"^第([{_CN}]+)，"),
    "首先": re.compile(r"^(首先|其次|再次|最后)，"),
}


def value(style: str, token: str, position: int) -> int:
    if style in ("1.", "（1）"):
        return int(token)
    if style == "①":
        return CIRCLED.index(token) + 1
    if style == "首先":
        return {"首先": 1, "其次": 2, "再次": 3}.get(token, position)  # 最后 closes the run
    n = parse_chinese(token)
    assert n is not None
    return n


def styles_of(template: Template) -> list[str]:
    section = template.points_section()
    level = section.points if section else None
    out = []
    while level is not None:
        out.append(level.style)
        level = level.children
    return out


def numbering(draft: Draft, styles: list[str]) -> list[list[int]]:
    """Numbers read back from the text: [[top numbers], [children of 1], [children of 2], …]."""
    top: list[int] = []
    children: list[list[int]] = []
    for block in draft.blocks:
        if block.section != "points":
            continue
        for depth, style in enumerate(styles[:2]):
            m = MARKER_PATTERNS[style].match(block.text)
            if not m:
                continue
            if depth == 0:
                top.append(value(style, m.group(1), len(top) + 1))
                children.append([])
            else:
                children[-1].append(value(style, m.group(1), len(children[-1]) + 1))
            break
    return [top, *children]


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(DEFAULT_BANK)


@pytest.fixture(scope="module")
def templates() -> list[Template]:
    return list_templates(DEFAULT_BANK)


def required_slots(template: Template) -> dict[str, str]:
    return {name: f"测试{name}" for name, spec in template.slots.items() if spec.required}


def test_there_are_five_occasions(templates: list[Template]) -> None:
    assert {t.name for t in templates} >= {
        "work-meeting",
        "congress",
        "commendation",
        "symposium",
        "festival",
    }


@pytest.mark.parametrize("seed", range(201))
def test_every_template_gives_a_well_formed_draft(seed: int, bank: Bank, templates: list[Template]) -> None:
    for template in templates:
        draft = assemble(bank, template, slots=required_slots(template), seed=seed)
        text = "\n".join(b.text for b in draft.blocks)
        styles = styles_of(template)
        top, *children = numbering(draft, styles)
        # consecutive, correctly nested numbering
        assert top == list(range(1, len(top) + 1)), (template.name, seed, top)
        assert top, (template.name, seed)
        for numbers in children:
            assert numbers == list(range(1, len(numbers) + 1)), (template.name, seed, children)
        # no leftover slot, no literal braces from escaping
        assert not re.search(r"\{[A-Za-z_]+\}|\{\{|\}\}", text), (template.name, seed)
        # no paragraph twice
        paragraphs = [b.text for b in draft.blocks]
        assert len(paragraphs) == len(set(paragraphs)), (template.name, seed)
        # the closing comes last, all of it together
        sections = [b.section for b in draft.blocks if b.kind != "title"]
        closing_at = [i for i, s in enumerate(sections) if s == "closing"]
        if closing_at:
            assert closing_at == list(range(closing_at[0], len(sections))), (template.name, seed)
        # the transition's count is the number of points drawn
        for block in draft.blocks:
            if block.section == "transition":
                m = re.search(r"[讲谈提]([一二两三四五六七八九十]+)(?:点|个方面)", block.text)
                if m:
                    assert parse_chinese(m.group(1).replace("两", "二")) == len(top), (template.name, seed)


def test_near_duplicates_found_as_difflib_alone_finds_them() -> None:
    """The set bound that spares most comparisons never changes a verdict: every pair
    of the shipped bank's texts and of their variants (a few characters changed,
    dropped or added) is judged as difflib's ratio over the openings judges it."""
    import random
    from difflib import SequenceMatcher

    from speechkit.bank.model import dedup_key
    from speechkit.drafting.assemble import _NEAR_PREFIX, _near

    rng = random.Random(5)
    texts = [
        dedup_key(p.all_text())
        for k in ("opening", "point", "closing")
        for p in load_bank(DEFAULT_BANK).of_kind(k)
    ]
    variants = []
    for text in texts:
        chars = list(text)
        for _ in range(rng.randint(1, max(2, len(chars) // 8))):
            i = rng.randrange(len(chars))
            chars[i : i + 1] = rng.choice([[], [rng.choice(texts)[0]], [chars[i], "的"]])
        variants.append("".join(chars))

    def by_difflib(a: str, b: str) -> bool:
        if a == b:
            return True
        if min(len(a), len(b)) * 1.25 < max(len(a), len(b)):
            return False
        return SequenceMatcher(None, a[:_NEAR_PREFIX], b[:_NEAR_PREFIX], autojunk=False).ratio() >= 0.85

    pairs = [(a, b) for a in texts for b in texts[:40]] + list(zip(texts, variants, strict=True))
    verdicts = [_near(a, b) for a, b in pairs]
    assert verdicts == [by_difflib(a, b) for a, b in pairs]
    assert sum(verdicts) > len(texts)  # the variants are near, so the test sees both verdicts


def test_mining_merges_near_duplicates_as_difflib_alone_would() -> None:
    """Mining's set bound before difflib (short phrases merged when their ratio is at
    least 0.85) never rejects a pair difflib would merge."""
    import random
    from difflib import SequenceMatcher

    from speechkit.bank.model import dedup_key
    from speechkit.mining.extract import _NEAR, _NEAR_MAX_LEN, _may_be_near

    rng = random.Random(7)
    bank = load_bank(DEFAULT_BANK)
    texts = [
        dedup_key(p.text) for k in ("salutation", "opening", "closing", "transition") for p in bank.of_kind(k)
    ]
    texts = [t for t in texts if len(t) <= _NEAR_MAX_LEN]
    variants = []
    for text in texts:
        chars = list(text)
        for _ in range(rng.randint(1, max(2, len(chars) // 10))):
            i = rng.randrange(len(chars))
            chars[i : i + 1] = rng.choice([[], [chars[i], "的"], ["和"]])
        variants.append("".join(chars))
    merged = 0
    for a in texts:
        for b in texts + variants:
            if SequenceMatcher(None, a, b, autojunk=False).ratio() >= _NEAR:
                merged += 1
                assert _may_be_near(a, b), (a, b)
    assert merged > len(texts)  # the variants are found, not only each text itself
