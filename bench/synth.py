"""A large synthetic corpus, built deterministically from the seed speeches.

    python bench/synth.py OUT_DIR --mb 10 [--seed 1]

Each file holds one speech varied from a seed speech: other organisations,
places and years, points in another order, sentences shuffled inside
paragraphs, some sentences dropped. The same arguments give the same files.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PLACES = [
    "郴州",
    "株洲",
    "湘潭",
    "衡阳",
    "岳阳",
    "常德",
    "益阳",
    "娄底",
    "永州",
    "怀化",
    "邵阳",
    "张家界",
    "临江",
    "江城",
    "北海",
    "南平",
    "东阳",
    "西宁",
    "丰城",
    "安宁",
]
ORGS = ["市总工会", "县总工会", "市委", "区工会", "集团公司工会", "厂工会", "机关工会", "教育工会"]
TOPICS = ["安全生产", "劳动竞赛", "职工素质", "帮扶救助", "民主管理", "班组建设", "技能培训", "权益维护"]


def _sentences(text: str) -> list[str]:
    return re.findall(r"[^。！？]*[。！？]+[”’]?|[^。！？]+$", text)


def _vary(paragraph: str, rng: random.Random) -> str:
    parts = _sentences(paragraph)
    if len(parts) > 2:
        head, rest = parts[0], parts[1:]
        rng.shuffle(rest)
        keep = [s for s in rest if rng.random() > 0.15] or rest[:1]
        parts = [head, *keep]
    if rng.random() < 0.5:
        parts.append(f"要把{rng.choice(TOPICS)}作为重要抓手，推动第{rng.randint(1, 999)}项任务落地见效。")
    return "".join(parts)


def speech_text(n: int, seed: int = 1) -> str:
    """The text of synthetic speech ``n``."""
    from speechkit.reading.numbering import marker

    speeches = _seed_speeches()
    rng = random.Random(seed * 1_000_003 + n)
    base = speeches[n % len(speeches)]
    place, org, year = rng.choice(PLACES), rng.choice(ORGS), rng.randint(2005, 2030)

    def swap(text: str) -> str:
        text = text.replace("郴州", place).replace("北京", place).replace("20××", str(year))
        return text.replace("市总工会", f"{place}{org}")

    lines = [f"在{year}年{place}{org}工作会议上的讲话（第{n}篇）"]
    lines.append(base.salutation.text if base.salutation else "同志们：")
    lines += [swap(_vary(p.text, rng)) for p in base.opening]
    if base.transition:
        lines.append(swap(base.transition.text))
    points = list(base.points)
    rng.shuffle(points)
    for k, point in enumerate(points, start=1):
        lines.append(marker("一、", k) + swap(point.heading))
        lines += [swap(_vary(b.text, rng)) for b in point.body]
        for j, child in enumerate(point.children, start=1):
            lines.append(
                marker("（一）", j)
                + swap(child.heading)
                + "。"
                + "".join(swap(_vary(b.text, rng)) for b in child.body)
            )
    lines += [swap(p.text) for p in base.closing]
    return "\n".join(lines) + "\n"


_CACHE: list = []


def _seed_speeches() -> list:
    if not _CACHE:
        from speechkit.reading.parser import parse_text

        text = (ROOT / "seeds" / "union_speeches.txt").read_text(encoding="utf-8")
        _CACHE.extend(s for s in parse_text(text) if s.points)
    return _CACHE


def build(out_dir: Path, megabytes: float, seed: int = 1) -> list[Path]:
    """Write speeches into ``out_dir`` until it holds about ``megabytes`` MB."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = megabytes * 1_000_000
    written, size, n = [], 0, 0
    while size < target:
        path = out_dir / f"speech_{n:06d}.txt"
        data = speech_text(n, seed).encode("utf-8")
        path.write_bytes(data)
        written.append(path)
        size += len(data)
        n += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--mb", type=float, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    files = build(args.out_dir, args.mb, args.seed)
    print(
        f"wrote {len(files)} speeches, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB, to {args.out_dir}"
    )


if __name__ == "__main__":
    main()
