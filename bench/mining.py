"""Mining speed, scaling and memory on large synthetic corpora.

    python bench/mining.py [--sizes 10 100] [--runs 3] [--work DIR] [--also before=/old/checkout]

For each corpus size (MB, built by bench/synth.py), in the same run, with
medians over ``--runs`` (the variants alternate within each run, so noise
from the rest of the machine hits them alike):

* plain ``jieba.Tokenizer().lcut(text, HMM=False)`` over every file, in a
  fresh process with jieba's start: the baseline of earlier results;
* ``speechkit extract`` as installed (rjieba where it installs), one process
  and two (``--jobs``), and with jieba alone (``SPEECHKIT_SEGMENTER=jieba``);
* with ``--also LABEL=DIR``, the same extract from another source checkout
  (``PYTHONPATH=DIR``), to compare a change with what came before it;
* MB/s, and peak resident memory of each extract (the largest of the main
  process and its helpers).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
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
import json, resource, sys
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


def timed(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[10, 100])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None, help="where to build corpora (kept between runs)")
    parser.add_argument(
        "--also", action="append", default=[], metavar="LABEL=DIR", help="time another checkout as well"
    )
    parser.add_argument("--no-jieba", action="store_true", help="leave out the jieba-only extracts")
    args = parser.parse_args()
    import synth

    work = (args.work or Path(tempfile.mkdtemp(prefix="speechkit-bench-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "SPEECHKIT_SEGMENTER")}
    env["SPEECHKIT_CACHE_DIR"] = str(work / "cache")
    # (label, segmenter, jobs, PYTHONPATH): the installed speechkit first
    variants = [("", "", 1, ""), ("", "", 2, "")]
    if not args.no_jieba:
        variants += [("", "jieba", 1, ""), ("", "jieba", 2, "")]
    for spec in args.also:
        label, _, folder = spec.partition("=")
        variants += [(label, "", 1, str(Path(folder).resolve())), (label, "", 2, str(Path(folder).resolve()))]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"python {sys.version.split()[0]}; load average {os.getloadavg()[0]:.2f}; medians of {args.runs} runs"
    )
    for i, (_, segmenter, _, path) in enumerate(variants):  # warm-up: dictionary caches, bytecode
        warm_env = env | ({"SPEECHKIT_SEGMENTER": segmenter} if segmenter else {})
        warm_env |= {"PYTHONPATH": path} if path else {}
        warm = work / f"warm-{i}"  # a bank of its own: an older checkout may not read a newer bank
        shutil.rmtree(warm, ignore_errors=True)
        cmd = [sys.executable, "-m", "speechkit", "extract", str(ROOT / "seeds"), "-o", str(warm)]
        timed([*cmd, "--quiet"], warm_env, work)
    print(f"{'corpus':>8} {'what':<34}{'seconds':>9}{'MB/s':>7}{'x jieba':>9}{'peak RSS MB':>13}")
    for size in args.sizes:
        corpus = work / f"corpus-{size:g}mb"
        if not corpus.is_dir():
            synth.build(corpus, size, seed=1)
        mb = sum(f.stat().st_size for f in corpus.glob("*.txt")) / 1e6
        plain = []
        results: dict[tuple[str, str, int, str], list[tuple[float, int]]] = {v: [] for v in variants}
        for n in range(args.runs):
            plain.append(timed([sys.executable, "-c", PLAIN, str(work / "cache"), str(corpus)], env, work))
            for variant in variants:
                label, segmenter, jobs, path = variant
                out = work / f"bank-{size:g}-{label}-{segmenter}-{jobs}-{n}"
                shutil.rmtree(out, ignore_errors=True)  # a new bank each time, never a merge
                peak_file = work / "peak.txt"
                run_env = env | ({"SPEECHKIT_SEGMENTER": segmenter} if segmenter else {})
                run_env |= {"PYTHONPATH": path} if path else {}
                cmd = [sys.executable, "-c", EXTRACT, str(peak_file), "extract", str(corpus), "-o", str(out)]
                seconds = timed([*cmd, "--quiet", "--jobs", str(jobs)], run_env, work)
                results[variant].append((seconds, int(peak_file.read_text())))
        base = statistics.median(plain)
        print(f"{mb:>6.0f}MB {'jieba lcut alone':<34}{base:>9.1f}{mb / base:>7.2f}{1.0:>9.2f}")
        single: dict[tuple[str, str], float] = {}
        for (label, segmenter, jobs, _), samples in results.items():
            seconds = statistics.median(s for s, _ in samples)
            peak = max(p for _, p in samples) / 1024
            single.setdefault((label, segmenter), seconds)
            what = f"extract {segmenter or 'default'} --jobs {jobs}" + (f" ({label})" if label else "")
            scale = f"  ({single[(label, segmenter)] / seconds:.2f}x of --jobs 1)" if jobs > 1 else ""
            print(
                f"{mb:>6.0f}MB {what:<34}{seconds:>9.1f}{mb / seconds:>7.2f}{seconds / base:>9.2f}"
                f"{peak:>13.0f}{scale}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
