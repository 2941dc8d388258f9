"""A longer fuzz campaign: the property tests of tests/test_fuzz.py with many
more examples each (not run in CI).

    python bench/fuzz.py [--examples 5000]

Prints hypothesis' statistics (examples tried per property) and pytest's
verdict; exits non-zero if any property fails.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000, help="examples per property")
    args = parser.parse_args()
    env = os.environ | {"SPEECHKIT_FUZZ_EXAMPLES": str(args.examples)}
    return subprocess.call(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--hypothesis-show-statistics",
            "tests/test_fuzz.py",
        ],
        cwd=ROOT,
        env=env,
    )


if __name__ == "__main__":
    raise SystemExit(main())
