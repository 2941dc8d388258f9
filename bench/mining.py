"""Mining speed, scaling and memory on large synthetic corpora.

    python bench/mining.py [--sizes 10 100] [--runs 3] [--work DIR]

For each corpus size (MB, built by bench/synth.py), in the same run, with
medians over ``--runs``:

* plain ``jieba.Tokenizer().lcut(text, HMM=False)`` over every file, in a
  fresh process with jieba's start: the baseline;
* ``speechkit extract`` with jieba (``SPEECHKIT_SEGMENTER=jieba``), one
  process and two (``--jobs``), and with rjieba where installed;
* peak resident memory of each extract (the largest of the main process and
  its workers).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

PLAIN = """
import sys, jieba, logging
from pathlib import Path
jieba.setLogLevel(logging.WARNING)
tok = jieba.Tokenizer()
tok.tmp_dir = sys.argv[1]
tok.cache_file = f"jieba-{jieba.__version__}.cache"
for f in sorted(Path(sys.argv[2]).rglob("*.txt")):
    tok.lcut(f.read_text(encoding="utf-8"), HMM=False)
"""

EXTRACT = """
import resource, sys
from speechkit.cli import main
out = sys.argv.pop(1)
try:
    main()
except SystemExit as exc:
    if exc.code:
        raise
usage = resource.getrusage
peak = max(usage(resource.RUSAGE_SELF).ru_maxrss, usage(resource.RUSAGE_CHILDREN).ru_maxrss)
open(out, "w").write(str(peak))
"""


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def has_rjieba() -> bool:
    try:
        import rjieba  # noqa: F401
    except ImportError:
        return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[10, 100])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None, help="where to build corpora (kept between runs)")
    args = parser.parse_args()
    import synth

    work = args.work or Path(tempfile.mkdtemp(prefix="speechkit-bench-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["SPEECHKIT_CACHE_DIR"] = str(work / "cache")
    variants = [("jieba", 1), ("jieba", 2)] + ([("rjieba", 1), ("rjieba", 2)] if has_rjieba() else [])
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"python {sys.version.split()[0]}; medians of {args.runs} runs"
    )
    print(f"{'corpus':>8} {'what':<26}{'seconds':>9}{'x jieba':>9}{'peak RSS MB':>13}")
    for size in args.sizes:
        corpus = work / f"corpus-{size:g}mb"
        if not corpus.is_dir():
            synth.build(corpus, size, seed=1)
        mb = sum(f.stat().st_size for f in corpus.glob("*.txt")) / 1e6
        plain = []
        results: dict[tuple[str, int], list[tuple[float, int]]] = {v: [] for v in variants}
        for n in range(args.runs):
            plain.append(timed([sys.executable, "-c", PLAIN, str(work / "cache"), str(corpus)], env))
            for segmenter, jobs in variants:
                out = work / f"bank-{size:g}-{segmenter}-{jobs}-{n}"
                peak_file = work / "peak.txt"
                run_env = env | {"SPEECHKIT_SEGMENTER": segmenter}
                seconds = timed(
                    [
                        sys.executable,
                        "-c",
                        EXTRACT,
                        str(peak_file),
                        "extract",
                        str(corpus),
                        "-o",
                        str(out),
                        "--quiet",
                        "--jobs",
                        str(jobs),
                    ],
                    run_env,
                )
                results[(segmenter, jobs)].append((seconds, int(peak_file.read_text())))
        base = statistics.median(plain)
        print(f"{mb:>6.0f}MB {'jieba lcut alone':<26}{base:>9.1f}{1.0:>9.2f}")
        single = {}
        for (segmenter, jobs), samples in results.items():
            seconds = statistics.median(s for s, _ in samples)
            peak = max(p for _, p in samples) / 1024
            single.setdefault(segmenter, seconds)
            what = f"extract {segmenter} --jobs {jobs}"
            scale = f"  ({single[segmenter] / seconds:.2f}x of --jobs 1)" if jobs > 1 else ""
            print(f"{mb:>6.0f}MB {what:<26}{seconds:>9.1f}{seconds / base:>9.2f}{peak:>13.0f}{scale}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
