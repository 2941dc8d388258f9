"""Cold start of the drafting commands against a baseline, in the same run.

    python bench/startup.py [--runs 21] [--bank DIR] [--also before=/path/to/old/checkout]

Baseline: ``python -c "import typer, yaml, rich.console"`` (what any typer +
PyYAML + rich CLI pays before doing anything). Each command runs ``--runs``
times, alternating with the baseline so machine noise hits both alike; we
report medians and the ratio of medians. ``--also LABEL=DIR`` times the same
commands from another source checkout too (``PYTHONPATH=DIR``), in the same
run, to compare a change with what came before it. Also checks that none of the
drafting commands imports jieba (``python -X importtime``).

Run it from an installed speechkit (``pip install .``); bytecode is written
on a warm-up run first, as it is for an installed package.
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

BASELINE = [sys.executable, "-c", "import typer, yaml, rich.console"]


def commands(draft: Path, out_dir: Path, bank: str | None) -> dict[str, list[str]]:
    sk = [sys.executable, "-m", "speechkit"]
    bank_opt = ["--bank", bank] if bank else []
    return {
        "generate": [*sk, "generate", "--seed", "1", "--no-input", *bank_opt],
        # piped, a draft is written plain and rich is never loaded; on a terminal it is shown styled
        "generate on a terminal": [*sk, "generate", "--seed", "1", "--no-input", *bank_opt],
        "phrases --search": [*sk, "phrases", "--search", "工会", *bank_opt],
        "export": [*sk, "export", str(draft), "-o", str(out_dir / "out.txt"), "--force", *bank_opt],
        # Word output is held to the text output's own start-up (python-docx loads only for it)
        "export docx": [*sk, "export", str(draft), "-o", str(out_dir / "out.docx"), "--force", *bank_opt],
    }


# Commands run from a folder of their own: ``python -m`` puts the working folder first
# on sys.path, so from a checkout it would run that checkout whatever PYTHONPATH says.
WORK = Path(tempfile.gettempdir())


def timed(cmd: list[str], env: dict[str, str], terminal: bool = False) -> float:
    """Seconds to run ``cmd``, its output thrown away (``terminal``: read from a pseudo-terminal)."""
    if not terminal:
        start = time.perf_counter()
        subprocess.run(
            cmd, env=env, cwd=WORK, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
        )
        return time.perf_counter() - start
    import pty

    leader, follower = pty.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=WORK, stdout=follower, stderr=subprocess.DEVNULL)
    os.close(follower)
    while True:  # drain it, or a long draft fills the terminal's buffer and waits
        try:
            if not os.read(leader, 65536):
                break
        except OSError:  # the other end closed
            break
    proc.wait()
    elapsed = time.perf_counter() - start
    os.close(leader)
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    return elapsed


def imports_jieba(cmd: list[str], env: dict[str, str]) -> bool:
    run = subprocess.run(
        [cmd[0], "-X", "importtime", *cmd[1:]], env=env, cwd=WORK, capture_output=True, text=True
    )
    return any(line.rstrip().endswith((" jieba", "| jieba")) for line in run.stderr.splitlines())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--bank", default=None, help="bank folder (default: the shipped banks)")
    parser.add_argument("--limit", type=float, default=1.5, help="ratio to baseline allowed")
    parser.add_argument(
        "--also", action="append", default=[], metavar="LABEL=DIR", help="time another checkout as well"
    )
    args = parser.parse_args()
    if args.bank:
        args.bank = str(Path(args.bank).resolve())  # the commands run from another folder
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    envs = {"": env}
    for spec in args.also:
        label, _, folder = spec.partition("=")
        envs[f" ({label})"] = {**env, "PYTHONPATH": str(Path(folder).resolve())}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cmds: dict[str, tuple[list[str], dict[str, str]]] = {}
        for n, (label, cmd_env) in enumerate(envs.items()):
            # each version exports a draft of its own making (ids change with the bank)
            draft = work / f"draft{n}.yaml"
            subprocess.run(
                [
                    *commands(draft, work, args.bank)["generate"],
                    "--save-draft",
                    str(draft),
                    "-o",
                    str(work / f"first{n}.txt"),
                ],
                env=cmd_env,
                check=True,
                cwd=WORK,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            cmds |= {name + label: (cmd, cmd_env) for name, cmd in commands(draft, work, args.bank).items()}
        timed(BASELINE, env)
        for name, (cmd, cmd_env) in cmds.items():  # warm-up: bytecode, bank index, OS caches
            timed(cmd, cmd_env, "terminal" in name)
        samples: dict[str, list[float]] = {"baseline": [], **{name: [] for name in cmds}}
        for _ in range(args.runs):
            for name, (cmd, cmd_env) in cmds.items():
                samples["baseline"].append(timed(BASELINE, env))
                samples[name].append(timed(cmd, cmd_env, "terminal" in name))
        base = statistics.median(samples["baseline"])
        print(
            f"python {sys.version.split()[0]} on {os.cpu_count()} cores; {args.runs} runs each; "
            f"bank: {args.bank or 'shipped default'}"
        )
        print(f"{'command':<28}{'median ms':>10}{'ratio':>8}  jieba imported")
        print(f"{'baseline':<28}{base * 1000:>10.1f}{1.0:>8.2f}")
        worst = worst_docx = 0.0
        for name, (cmd, cmd_env) in cmds.items():
            median = statistics.median(samples[name])
            ratio = median / base
            jieba = "YES" if imports_jieba(cmd, cmd_env) else "no"
            if name.startswith("export docx"):
                text = statistics.median(samples[name.replace("export docx", "export", 1)])
                worst_docx = max(worst_docx, median / text)
                of_txt = f"({median / text:.2f}x of export to txt)"
                print(f"{name:<28}{median * 1000:>10.1f}{ratio:>8.2f}  {jieba}  {of_txt}")
                continue
            worst = max(worst, ratio)
            print(f"{name:<28}{median * 1000:>10.1f}{ratio:>8.2f}  {jieba}")
        met = worst <= args.limit and worst_docx <= args.limit
        verdict = "met" if worst <= args.limit else "NOT met"
        verdict_docx = "met" if worst_docx <= args.limit else "NOT met"
        print(
            f"target: every command at most {args.limit}x the baseline: {verdict} (worst {worst:.2f}x); "
            f"docx at most {args.limit}x the txt export: {verdict_docx} ({worst_docx:.2f}x)"
        )
        return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
