"""Draw the phrase sample that ``bench/gold/phrases/`` labels (run once, seeded).

    python bench/knowledge_sample.py OUT.jsonl [--seed 11]

Every speech of ``../shared/devcorpus`` and ``seeds/`` is parsed and cut into
phrase units the way mining cuts them (salutation, opening units, transition,
each point's heading with the start of its body, closing units); long units
are cut at a sentence end near 260 characters. A stratified sample (by
family and kind) is written with the unit's text and its raw span in the
source file, for annotators. The committed gold keeps the span and a hash,
not the text (see ``bench/gold/README.md``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from speechkit.reading.corpus import read_file  # noqa: E402
from speechkit.reading.normalise import normalise  # noqa: E402
from speechkit.reading.parser import parse_text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "devcorpus"
QUOTAS = {"gov": 60, "xi": 55, "ren": 50, "seeds": 22}
KIND_SHARE = {"salutation": 0.06, "opening": 0.3, "transition": 0.06, "point": 0.36, "closing": 0.22}
MAX_LEN = 260


def family(path: Path) -> str:
    if path.parent.name == "seeds":
        return "seeds"
    return re.sub(r"[0-9].*", "", path.name.split("_")[0])


def cut(text: str) -> str:
    if len(text) <= MAX_LEN:
        return text
    ends = [m.end() for m in re.finditer(r"[。！？]", text[: MAX_LEN + 60])]
    good = [e for e in ends if e >= 60]
    return text[: good[-1]] if good else text[:MAX_LEN]


def units(path: Path) -> list[dict[str, object]]:
    raw = read_file(path).text
    nt = normalise(raw)
    out: list[dict[str, object]] = []
    for speech in parse_text(raw):
        pieces: list[tuple[str, str]] = []
        if speech.salutation:
            pieces.append(("salutation", speech.salutation.text))
        pieces += [("opening", p.text) for p in speech.opening]
        if speech.transition:
            pieces.append(("transition", speech.transition.text))
        for point in speech.all_points():
            body = point.body[0].text if point.body else ""
            pieces.append(("point", point.heading + ("。" if body else "") + body))
        pieces += [("closing", p.text) for p in speech.closing]
        for kind, text in pieces:
            text = cut(text)
            probe = text[:12]
            at = nt.text.find(probe)
            if at < 0 or not text.strip():
                continue
            start = nt.origin(at)
            end_norm = nt.text.find(text[-8:], at) + len(text[-8:])
            end = nt.origin(end_norm) if end_norm > at else start + len(text)
            out.append(
                {
                    "file": path.name,
                    "family": family(path),
                    "speech": speech.index,
                    "kind": kind,
                    "start": start,
                    "end": end,
                    "text": text,
                    "sha": hashlib.sha1(raw[start:end].encode("utf-8")).hexdigest()[:12],
                }
            )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: no corpus at {CORPUS}")
        return 0
    rng = random.Random(args.seed)
    files = [*sorted(CORPUS.glob("*.txt")), ROOT / "seeds" / "union_speeches.txt"]
    pool: dict[str, dict[str, list[dict[str, object]]]] = {}
    for path in files:
        for unit in units(path):
            pool.setdefault(str(unit["family"]), {}).setdefault(str(unit["kind"]), []).append(unit)
    chosen: list[dict[str, object]] = []
    for fam, quota in QUOTAS.items():
        kinds = pool.get(fam, {})
        for kind, share in KIND_SHARE.items():
            have = kinds.get(kind, [])
            take = min(len(have), max(1, round(quota * share)))
            chosen += rng.sample(have, take)
    for k, unit in enumerate(chosen, start=1):
        unit["id"] = f"k{k:03d}"
    with args.out.open("w", encoding="utf-8") as fh:
        for unit in chosen:
            fh.write(json.dumps(unit, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} units -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
