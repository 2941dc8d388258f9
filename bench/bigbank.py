"""A synthetic bank of many phrases, for drafting-speed benchmarks.

    python bench/bigbank.py OUT_DIR [--phrases 100000] [--seed 1]

Phrases are varied from the default bank (other places, years and numbers,
sentences reordered), so they are distinct and look like real entries;
points keep children. The same arguments give the same bank.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARE = {"salutation": 0.001, "opening": 0.25, "transition": 0.01, "point": 0.70, "closing": 0.039}


def _vary(text: str, rng: random.Random, n: int) -> str:
    parts = re.findall(r"[^。！？]*[。！？]+|[^。！？]+$", text)
    if len(parts) > 2:
        rest = parts[1:]
        rng.shuffle(rest)
        parts = [parts[0], *rest]
    return "".join(parts) + f"（第{n}条）"


def build(out: Path, total: int, seed: int = 1) -> None:
    from speechkit.bank.load import load_bank
    from speechkit.bank.model import KINDS, Bank, Phrase, Source
    from speechkit.mining.extract import save_bank

    base = load_bank(ROOT / "phrasebanks", use_index=False)
    rng = random.Random(seed)
    phrases: dict[str, list[Phrase]] = {k: [] for k in KINDS}
    for kind in KINDS:
        pool = base.of_kind(kind)
        want = max(len(pool), int(total * SHARE[kind]))
        for n in range(want):
            src = pool[n % len(pool)]
            pid = f"{kind}-{n:07d}"
            phrase = Phrase(
                id=pid, kind=kind, text=src.text if n < len(pool) else _vary(src.text, rng, n),
                slots=list(src.slots), keywords=list(src.keywords), tags=list(src.tags), count=src.count,
                sources=[Source(f"corpus/speech_{n:06d}.txt", 1, rng.randint(1, 200))],
                heading=None, body=[_vary(b, rng, n) for b in src.body], level=src.level, children=[],
            )  # fmt: skip
            if kind == "point":
                phrase.heading = phrase.text
            phrases[kind].append(phrase)
    # every fourth top-level point gets the next three points as children
    points = phrases["point"]
    for k in range(0, len(points) - 4, 4):
        points[k].level = 1
        points[k].children = [p.id for p in points[k + 1 : k + 4]]
        for child in points[k + 1 : k + 4]:
            child.level = 2
    out.mkdir(parents=True, exist_ok=True)
    save_bank(out, phrases)
    from speechkit.bank import index as bankindex  # index it now, as extract does

    bankindex.store(out, Bank(out, phrases), bankindex.signature(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--phrases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    build(args.out_dir, args.phrases, args.seed)
    print(f"wrote a bank of about {args.phrases} phrases to {args.out_dir}")


if __name__ == "__main__":
    main()
