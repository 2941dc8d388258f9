"""Mining speed: ``speechkit extract`` against jieba's own segmentation.

    python bench/extract_speed.py [--runs 5] [CORPUS…]

For the corpus (default: seeds/), in the same run, with medians:

* ``extract`` in a fresh process, jieba's start included: once with an empty
  cache folder (jieba builds its dictionary) and once warm;
* plain ``jieba.Tokenizer().lcut(text, HMM=False)`` over the same text in a
  fresh process, jieba's start included: the baseline mining is held to.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SEGMENT = """
import sys, jieba, logging
from pathlib import Path
jieba.setLogLevel(logging.WARNING)
tok = jieba.Tokenizer()
tok.tmp_dir = sys.argv[1]
tok.cache_file = f"jieba-{jieba.__version__}.cache"
for arg in sys.argv[2:]:
    p = Path(arg)
    for f in ([p] if p.is_file() else sorted(p.rglob("*.txt"))):
        tok.lcut(f.read_text(encoding="utf-8"), HMM=False)
"""


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", default=[str(ROOT / "seeds")])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--limit", type=float, default=2.0, help="seconds allowed for a cold extract")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    size = sum(
        f.stat().st_size
        for c in args.corpus
        for f in ([Path(c)] if Path(c).is_file() else Path(c).rglob("*.txt"))
    )
    cold, warm, plain = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.runs):
            cache = Path(tmp) / f"cold{n}"
            run_env = env | {"SPEECHKIT_CACHE_DIR": str(cache)}
            out = Path(tmp) / f"bank{n}"
            extract = [sys.executable, "-m", "speechkit", "extract", *args.corpus, "-o", str(out), "--quiet"]
            cold.append(timed(extract, run_env))
            warm.append(timed([*extract[:-3], "-o", str(Path(tmp) / f"warm{n}"), "--quiet"], run_env))
            plain.append(timed([sys.executable, "-c", SEGMENT, str(cache), *args.corpus], run_env))
    med = {name: statistics.median(v) for name, v in (("cold", cold), ("warm", warm), ("plain", plain))}
    print(
        f"corpus: {', '.join(args.corpus)} ({size / 1e6:.2f} MB); python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores; {args.runs} runs, medians"
    )
    print(f"extract, cold jieba cache   {med['cold']:.3f} s")
    print(f"extract, warm jieba cache   {med['warm']:.3f} s   {med['warm'] / med['plain']:.2f}x jieba alone")
    print(f"jieba lcut alone (warm)     {med['plain']:.3f} s")
    met = med["cold"] < args.limit
    print(f"target: a cold extract under {args.limit:g} s: {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
