"""How well the parser reads real speeches: scored against hand-annotated gold.

    python bench/outline_quality.py [--corpus ../shared/devcorpus] [--gold bench/gold/outline] [-v]

For every gold file (``bench/gold/outline/*.json``, format in
``bench/gold/README.md``) the corpus file is parsed and compared:

* speeches: the file splits into exactly the gold number of speeches;
* points: precision, recall and F1 of top-level points and of their children
  (a point matches when style, number and the first words of its heading
  agree, in order), and how many children counts agree one level further down;
* parts: salutation, transition and closing (its first and last sentence)
  exactly as annotated; a part the gold says is absent must be absent.

Prints one line per file and the totals by family (gov / xi / ren) and
overall. Skips cleanly (exit 0, a note) when the corpus is not there.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from speechkit.reading.corpus import read_file  # noqa: E402
from speechkit.reading.normalise import normalise, tidy  # noqa: E402
from speechkit.reading.outline import Point, Speech  # noqa: E402
from speechkit.reading.parser import parse_text  # noqa: E402

_SENTENCE_RE = re.compile(r".*?(?:[。！？!?][”’」』）)]*|$)", re.S)


def norm(text: str | None) -> str | None:
    """Gold strings pass through the parser's own punctuation mapping."""
    if text is None:
        return None
    return tidy(normalise(text).text).strip()


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_RE.findall(text) if s.strip()]


def heading_matches(gold: str, found: str) -> bool:
    gold, found = norm(gold) or "", tidy(found).strip()
    if not gold:
        return not found
    return found.startswith(gold) or (len(found) >= 4 and gold.startswith(found))


def point_matches(gold: dict[str, Any], found: Point) -> bool:
    return (
        gold["style"] == found.style
        and gold["number"] == found.number
        and heading_matches(gold["heading"], found.heading)
    )


def aligned(gold: list[dict[str, Any]], found: list[Point]) -> list[tuple[dict[str, Any], Point]]:
    """Matched pairs, in order (longest common subsequence)."""
    n, m = len(gold), len(found)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            if point_matches(gold[i], found[j]):
                best[i][j] = best[i + 1][j + 1] + 1
            else:
                best[i][j] = max(best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if point_matches(gold[i], found[j]) and best[i][j] == best[i + 1][j + 1] + 1:
            pairs.append((gold[i], found[j]))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


@dataclass
class Score:
    counts: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.counts.update(other.counts)

    def prf(self, level: str) -> tuple[float, float, float]:
        tp, gold, found = (self.counts[f"{level}_{k}"] for k in ("tp", "gold", "found"))
        p = tp / found if found else 1.0
        r = tp / gold if gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def parts(self) -> float:
        total = self.counts["parts_total"]
        return self.counts["parts_ok"] / total if total else 1.0


def closing_ends(speech: Speech) -> tuple[str | None, str | None]:
    if not speech.closing:
        return None, None
    text = "\n".join(p.text for p in speech.closing)
    found = sentences(text)
    return (found[0], found[-1]) if found else (None, None)


def score_speech(gold: dict[str, Any], speech: Speech, score: Score, label: str) -> None:
    c = score.counts
    pairs = aligned(gold["points"], speech.points)
    c["top_gold"] += len(gold["points"])
    c["top_found"] += len(speech.points)
    c["top_tp"] += len(pairs)
    for g, f in pairs:
        kids = aligned(g["children"], f.children)
        c["child_gold"] += len(g["children"])
        c["child_found"] += len(f.children)
        c["child_tp"] += len(kids)
        for gk, fk in kids:
            c["grandchildren_total"] += 1
            c["grandchildren_ok"] += int(gk["children"] == len(fk.children))
    # points the gold has but no pair found: their children are missed too
    matched = {id(g) for g, _ in pairs}
    for g in gold["points"]:
        if id(g) not in matched:
            c["child_gold"] += len(g["children"])
    matched_found = {id(f) for _, f in pairs}
    for f in speech.points:
        if id(f) not in matched_found:
            c["child_found"] += len(f.children)
    if len(pairs) < max(len(gold["points"]), len(speech.points)):
        score.problems.append(
            f"{label}: points gold {len(gold['points'])}, found {len(speech.points)}, matched {len(pairs)}"
        )

    found_parts = {
        "salutation": speech.salutation.text if speech.salutation else None,
        "transition": speech.transition.text if speech.transition else None,
    }
    for part, value in found_parts.items():
        want = norm(gold[part])
        got = tidy(value).strip() if value else None
        ok = want == got
        c["parts_total"] += 1
        c[f"{part}_ok"] += int(ok)
        c["parts_ok"] += int(ok)
        if not ok:
            score.problems.append(f"{label}: {part} gold {want!r}, found {got!r}")
    first, last = closing_ends(speech)
    want = (norm(gold["closing_first"]), norm(gold["closing_last"]))
    got = (tidy(first).strip() if first else None, tidy(last).strip() if last else None)
    ok = want == got
    c["parts_total"] += 1
    c["closing_ok"] += int(ok)
    c["parts_ok"] += int(ok)
    if not ok:
        score.problems.append(f"{label}: closing gold {_short(want)}, found {_short(got)}")
    c["speech_total"] += 1


def _short(pair: tuple[str | None, str | None]) -> str:
    return " … ".join(repr(s[:24] + ("…" if len(s) > 24 else "")) if s else "None" for s in pair)


def score_file(gold_path: Path, corpus: Path) -> Score:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    speeches = parse_text(read_file(corpus / gold["file"]).text)
    score = Score()
    score.counts["files"] += 1
    score.counts["split_ok"] += int(len(speeches) == len(gold["speeches"]))
    if len(speeches) != len(gold["speeches"]):
        score.problems.append(
            f"{gold['file']}: {len(gold['speeches'])} speeches in gold, found {len(speeches)}"
        )
    for k, g in enumerate(gold["speeches"]):
        if k < len(speeches):
            score_speech(g, speeches[k], score, f"{gold['file']}#{k + 1}")
        else:
            score.counts["top_gold"] += len(g["points"])
            score.counts["child_gold"] += sum(len(p["children"]) for p in g["points"])
            score.counts["parts_total"] += 3
    return score


def family(name: str) -> str:
    return name.split("_", 1)[0].rstrip("0123456789") or "other"


def report(name: str, s: Score) -> str:
    tp, tr, tf = s.prf("top")
    cp, cr, cf = s.prf("child")
    c = s.counts
    return (
        f"{name:<34} top P {tp:.2f} R {tr:.2f} F1 {tf:.2f} | children P {cp:.2f} R {cr:.2f} F1 {cf:.2f}"
        f" | parts {s.parts():.0%} (sal {c['salutation_ok']}/{c['speech_total']},"
        f" tr {c['transition_ok']}/{c['speech_total']}, cl {c['closing_ok']}/{c['speech_total']})"
        f" | split {c['split_ok']}/{c['files']}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "devcorpus")
    parser.add_argument("--gold", type=Path, default=ROOT / "bench" / "gold" / "outline")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"skipped: no corpus at {args.corpus} (it lives in ../shared/devcorpus)")
        return 0
    totals: dict[str, Score] = {}
    overall = Score()
    for gold_path in sorted(args.gold.glob("*.json")):
        s = score_file(gold_path, args.corpus)
        name = gold_path.name.removesuffix(".json")
        print(report(name[:34], s))
        if args.verbose:
            for problem in s.problems:
                print(f"    {problem}")
        totals.setdefault(family(name), Score()).add(s)
        overall.add(s)
    print()
    for fam, s in sorted(totals.items()):
        print(report(f"[{fam}]", s))
    print(report("[all]", overall))
    combined = Score()
    combined.counts.update(
        {
            "top_tp": overall.counts["top_tp"] + overall.counts["child_tp"],
            "top_gold": overall.counts["top_gold"] + overall.counts["child_gold"],
            "top_found": overall.counts["top_found"] + overall.counts["child_found"],
        }
    )
    p, r, f = combined.prf("top")
    g = overall.counts
    print(
        f"points (both levels) P {p:.3f} R {r:.3f} F1 {f:.3f}; parts {overall.parts():.1%};"
        f" speeches split exactly in {g['split_ok']}/{g['files']} files;"
        f" children counts one level down {g['grandchildren_ok']}/{g['grandchildren_total']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
