"""Where ``extract`` spends its time: the functions with the most time of their own.

    python bench/profile_extract.py CORPUS [--top 10] [--jobs 1]
    PYTHONPATH=/old/checkout python bench/profile_extract.py CORPUS   # an older version

Runs one extract under cProfile in this process (one process mines) into a
temporary folder, and prints the top functions by own time, each as a share
of the whole run. cProfile slows Python calls more than C code, so the shares
say where to look, not how long each part takes.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    from speechkit.mining.extract import extract

    with tempfile.TemporaryDirectory() as tmp:
        profile = cProfile.Profile()
        profile.runcall(extract, [args.corpus], Path(tmp) / "bank", jobs=args.jobs)
    stats = pstats.Stats(profile)
    total = sum(row[2] for row in stats.stats.values())  # type: ignore[attr-defined]
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[: args.top]  # type: ignore[attr-defined]
    import speechkit

    print(f"speechkit {speechkit.__version__} from {Path(speechkit.__file__).parent}; {total:.2f} s profiled")
    print(f"{'own s':>7} {'share':>6} {'calls':>9}  function")
    for (file, line, name), (_, calls, own, _, _) in rows:
        where = name if file == "~" else f"{Path(file).parent.name}/{Path(file).name}:{line}({name})"
        print(f"{own:>7.2f} {own / total:>6.1%} {calls:>9}  {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
