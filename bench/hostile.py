"""A hostile campaign: replay the classes of issue 14 with seeded random
variations, as an attacker and as an unlucky user would (not run in CI).

    python bench/hostile.py [--cases 300] [--seed 1] [--timeout 30] [--workers 2] [--checkout DIR]

``--checkout`` runs the speechkit of another source checkout (for instance
the commit before a fix, to see the campaign find what it fixed).

Each case runs ``python -m speechkit`` in a subprocess, in a folder of its
own, and fails on any of: a traceback, a hang past the timeout, an exit
code other than the documented one, a file written outside the case's
folder (a "victim" folder beside it is watched), a bank changed where it
must not change, raw control characters on stdout or stderr. Prints the
cases tried and the failures per class; exits 1 if any case failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKOUT = [ROOT]  # the speechkit under test (--checkout)
sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

BANK_FILES = ("salutations.yaml", "openings.yaml", "transitions.yaml", "points.yaml", "closings.yaml")
SPEECH = (
    "同志们：\n今天我们召开工作会议，总结工作，部署任务。\n"
    "一、抓好落实\n要抓好落实。\n二、加强团结\n要加强团结。\n谢谢大家！\n"
)
RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")


@dataclass
class Case:
    kind: str
    args: list[str | bytes]
    exits: set[int]  # the documented exit codes
    env: dict[str, str] = field(default_factory=dict)
    stdout: str = "pipe"  # pipe | full | closed
    signal_after: float | None = None  # send SIGINT/SIGTERM to the group after this many seconds
    signum: int = signal.SIGINT
    frozen: str | None = None  # a folder (relative) that must not change
    check: Callable[[Path, subprocess.CompletedProcess[bytes]], str | None] | None = None
    note: str = ""


@dataclass
class Outcome:
    kind: str
    note: str
    failure: str | None


def snapshot(folder: Path) -> dict[str, bytes]:
    out = {}
    if not folder.exists():
        return out
    for path in sorted(folder.rglob("*")):
        if path.name == ".speechkit.lock" or path.is_symlink():
            continue
        if path.is_file():
            out[str(path.relative_to(folder))] = path.read_bytes()
        elif not path.is_dir():
            out[str(path.relative_to(folder))] = b"<special>"
    return out


# ------------------------------------------------------------------ case makers


def new_bank(work: Path, name: str = "bank") -> Path:
    bank = work / name
    shutil.copytree(ROOT / "phrasebanks", bank)
    return bank


def journal_case(rng: random.Random, work: Path) -> Case:
    bank = new_bank(work)
    victim = work.parent / "victim" / "target.txt"
    temp = f".speechkit-openings.yaml.{rng.randrange(10**6)}.tmp"
    (bank / temp).write_text("kind: opening\nphrases: []\n", encoding="utf-8")
    choice = rng.choice(
        ["absolute", "dotdot", "other final", "bad json", "types", "symlink", "dir", "huge", "deep", "valid"]
    )
    renames: object = [[temp, "openings.yaml"]]
    text = None
    if choice == "absolute":
        renames = [[temp, str(victim)]]
    elif choice == "dotdot":
        renames = [[temp, "../" * rng.randint(1, 4) + "victim/target.txt"]]
    elif choice == "other final":
        renames = [[temp, rng.choice(["closings.yaml", ".bashrc", "templates/x.yaml", "openings.yaml/x"])]]
    elif choice == "bad json":
        text = bytes(rng.randrange(256) for _ in range(rng.randint(0, 200))).decode("latin-1")
    elif choice == "types":
        renames = rng.choice(
            [[[temp, 3]], [[temp]], {"a": 1}, [[None, None]], "x", [[[temp], "openings.yaml"]]]
        )
    elif choice == "symlink":
        (bank / temp).unlink()
        (bank / temp).symlink_to(victim)
    elif choice == "dir":
        (bank / ".speechkit-journal.json").mkdir()
    elif choice == "huge":
        text = json.dumps({"renames": [[temp, "openings.yaml"]] * 20000})
    elif choice == "deep":
        depth = rng.randint(1000, 30000)
        text = '{"renames": ' + "[" * depth + "]" * depth + "}"
    if choice != "dir":
        body = text if text is not None else json.dumps({"renames": renames})
        (bank / ".speechkit-journal.json").write_text(body, encoding="utf-8")
    command = rng.choice(
        [["phrases", "--bank", "bank"], ["generate", "--bank", "bank", "--seed", "1", "--no-input"],
         ["extract", str(ROOT / "seeds"), "-o", "bank", "-q", "-j", "1"],
         ["phrases", "--bank", "bank", "show", "x"]]
    )  # fmt: skip
    reading = command[0] != "extract"
    if choice == "valid":
        exits = {0, 1} if command[-1] == "x" else {0}
        frozen = "bank" if reading else None
    else:
        exits, frozen = {1}, "bank"
    return Case("1 journal", list(command), exits, frozen=frozen, note=f"{choice} / {command[0]}")


def output_case(rng: random.Random, work: Path) -> Case:
    target = work / "out.txt"
    choice = rng.choice(["link to file", "dangling link", "fifo", "socket", "folder", "device", "new"])
    exits = {1}
    if choice == "link to file":
        (work / "real.txt").write_text("old", encoding="utf-8")
        target.symlink_to("real.txt")
        exits = {0, 1}
    elif choice == "dangling link":
        target.symlink_to(work.parent / "victim" / "planted.txt")
    elif choice == "fifo":
        os.mkfifo(target)
    elif choice == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(target))
        sock.close()
    elif choice == "folder":
        target.mkdir()
    elif choice == "device":
        if os.geteuid() == 0:
            os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, rng.choice([3, 7])))  # null or full
            exits = {0, 1}
        else:
            choice, exits = "new", {0}
    else:
        exits = {0}
    force = rng.random() < 0.7
    save = rng.random() < 0.5
    args = ["generate", "--seed", str(rng.randrange(100)), "--no-input", "-o", "out.txt"]
    args += ["--force"] * force + ["--save-draft", "d.yaml"] * save
    if choice == "link to file" and not force:
        exits = {1}

    def check(folder: Path, result: subprocess.CompletedProcess[bytes]) -> str | None:
        if result.returncode != 0 and (folder / "d.yaml").exists():
            return "--save-draft written although the draft failed"
        if choice in ("link to file", "dangling link") and not (folder / "out.txt").is_symlink():
            return "a symbolic link was replaced"
        if choice in ("fifo", "socket", "device") and stat.S_ISREG(os.lstat(folder / "out.txt").st_mode):
            return "a special file was replaced by a regular file"
        return None

    return Case("2 output paths", args, exits, check=check, note=f"{choice} force={force} save={save}")


def bomb_case(rng: random.Random, work: Path) -> Case:
    choice = rng.choice(
        [
            "aliases",
            "recursive template",
            "recursive draft",
            "deep template",
            "deep draft",
            "deep bank",
            "long number",
        ]
    )
    if choice == "long number":
        seed = "9" * rng.randint(4301, 100000)
        (work / "d.yaml").write_text(
            f"speechkit_draft: 1\ntemplate: work-meeting\nseed: {seed}\nsections: []\n", encoding="utf-8"
        )
        return Case("3 resource bombs", ["export", "d.yaml", "-o", "o.txt"], {1}, note=choice)
    if choice == "aliases":
        bank = new_bank(work)
        n, size = rng.randint(2000, 60000), rng.randint(100, 3000)
        aliases = ", ".join(["*t"] * n)
        (bank / "openings.yaml").write_text(
            f"kind: opening\nphrases:\n  - id: a\n    text: &t {'长' * size}\n    keywords: [{aliases}]\n",
            encoding="utf-8",
        )
        args = rng.choice(
            [["phrases", "--bank", "bank"], ["extract", str(ROOT / "seeds"), "-o", "bank", "-q"]]
        )
        return Case("3 resource bombs", args, {1}, frozen="bank", note=f"{n} aliases x {size}")
    if choice.endswith("template"):
        depth = rng.randint(41, 900)
        level = "{count: 1, children: " * depth + "{count: 1}" + "}" * depth
        points = "&p {count: 2, children: *p}" if choice.startswith("recursive") else level
        (work / "t.yaml").write_text(f"name: t\nsections:\n  - points: {points}\n", encoding="utf-8")
        return Case(
            "3 resource bombs", ["generate", "-t", "t.yaml", "--seed", "1", "--no-input"], {1}, note=choice
        )
    if choice.endswith("draft"):
        depth = rng.randint(41, 900)
        item = (
            "&i {id: x, children: [*i]}"
            if choice.startswith("recursive")
            else ("{id: x, children: [" * depth + "y" + "]}" * depth)
        )
        (work / "d.yaml").write_text(
            f"speechkit_draft: 1\ntemplate: work-meeting\nsections:\n  - kind: points\n    items: [{item}]\n",
            encoding="utf-8",
        )
        return Case("3 resource bombs", ["export", "d.yaml", "-o", "o.txt"], {1}, note=choice)
    bank = new_bank(work)
    depth = rng.randint(41, 900)
    (bank / "closings.yaml").write_text(
        "kind: closing\nphrases:\n  - id: a\n    text: 好\n    tags: " + "[" * depth + "]" * depth + "\n",
        encoding="utf-8",
    )
    return Case("3 resource bombs", ["phrases", "--bank", "bank"], {1}, frozen="bank", note=choice)


CONTROLS = [
    "\x1b[2J",
    "\x1b]0;pwned\x07",
    "\x9b31m",
    "\x07",
    "\r",
    "\x00",
    "\x08",
    "\x7f",
    "\ufffe",
    "\uffff",
]


def _yaml_escape(text: str) -> str:
    return json.dumps(text, ensure_ascii=True)


def control_case(rng: random.Random, work: Path) -> Case:
    bad = rng.choice(CONTROLS)
    choice = rng.choice(["bank text", "template", "slot", "topic", "search", "file name"])
    if choice == "bank text":
        bank = new_bank(work)
        text = "今天" + bad + "开会。"
        (bank / "openings.yaml").write_text(
            f"kind: opening\nphrases:\n  - id: a\n    text: {_yaml_escape(text)}\n", encoding="utf-8"
        )
        return Case("4 control characters", ["phrases", "--bank", "bank"], {1}, frozen="bank", note=repr(bad))
    if choice == "template":
        (work / "t.yaml").write_text(
            f"name: t\ntitle: {_yaml_escape('标题' + bad)}\nsections: [salutation]\n", encoding="utf-8"
        )
        return Case("4 control characters", ["generate", "-t", "t.yaml", "--seed", "1"], {1}, note=repr(bad))
    if choice == "file name":
        if bad in ("\x00",):
            bad = "\x1b[31m"
        (work / f"a{bad}b.txt").write_text(SPEECH, encoding="utf-8")
        args = rng.choice(
            [["outline", "."], ["extract", ".", "-o", "bank", "-q"], ["outline", ".", "--json"]]
        )
        return Case("4 control characters", args, {0}, note=f"file name {bad!r}")
    if bad == "\x00":
        bad = "\x01"  # argv cannot hold NUL
    option = {"slot": ["generate", "--seed", "1", "--slot", f"org=某{bad}单位"],
              "topic": ["generate", "--seed", "1", "--no-input", "--topic", f"工{bad}会"],
              "search": ["phrases", "--search", f"工{bad}会"]}[choice]  # fmt: skip
    return Case("4 control characters", option, {1}, note=f"{choice} {bad!r}")


def interrupt_case(rng: random.Random, work: Path, corpus: Path) -> Case:
    bank = new_bank(work)
    shutil.rmtree(bank / "templates")
    signum = rng.choice([signal.SIGINT, signal.SIGINT, signal.SIGTERM])
    delay = rng.uniform(0.3, 4.0)
    args = ["extract", str(corpus), "-o", "bank", "-q", "--jobs", str(rng.choice([2, 2, 3]))]

    def check(folder: Path, result: subprocess.CompletedProcess[bytes]) -> str | None:
        err = result.stderr.decode("utf-8", "replace")
        if result.returncode == 130 and err not in (
            "Error: interrupted; the bank is unchanged\n",
            "Error: interrupted; the bank was written in full\n",
        ):
            return f"stderr {err[-300:]!r}"
        if (
            result.returncode == 130
            and "unchanged" in err
            and snapshot(folder / "bank") != BEFORE[str(folder)]
        ):
            return "the bank changed although it says unchanged"
        return None

    return Case(
        "5 interrupts", args, {0, 130}, signal_after=delay, signum=signum, check=check,
        note=f"{signal.Signals(signum).name} after {delay:.1f} s",
    )  # fmt: skip


BEFORE: dict[str, dict[str, bytes]] = {}


def index_case(rng: random.Random, work: Path) -> Case:
    new_bank(work)
    cache = work / "cache"
    env = {"SPEECHKIT_CACHE_DIR": str(cache)}
    args = rng.choice([["phrases", "--bank", "bank", "--search", "工会"],
                       ["generate", "--bank", "bank", "--seed", "5", "--no-input"]])  # fmt: skip
    clean = run_speechkit(args, work, env)  # builds the index, and the expected output
    index = next((cache / "banks").glob("*.sqlite"))
    data = bytearray(index.read_bytes())
    how = rng.choice(["pages", "bytes", "truncate", "zero", "garbage"])
    if how == "pages":
        start = rng.randrange(100, len(data))
        data[start : start + 4096] = bytes(rng.randrange(256) for _ in range(min(4096, len(data) - start)))
    elif how == "bytes":
        for _ in range(rng.randint(1, 50)):
            data[rng.randrange(100, len(data))] = rng.randrange(256)
    elif how == "truncate":
        del data[rng.randrange(100, len(data)) :]
    elif how == "zero":
        data = bytearray(len(data))
    else:
        data = bytearray(b"SQLite format 3\x00" + bytes(rng.randrange(256) for _ in range(5000)))
    index.write_bytes(bytes(data))

    def check(folder: Path, result: subprocess.CompletedProcess[bytes]) -> str | None:
        return None if result.stdout == clean.stdout else "a damaged index changed the output"

    return Case("6 damaged index", args, {0}, env=env, frozen="bank", check=check, note=how)


def duplicate_key_case(rng: random.Random, work: Path) -> Case:
    new_bank(work)
    where = rng.choice(["top", "entry", "source", "template"])
    if where == "template":
        (work / "t.yaml").write_text("name: t\nsections: [salutation]\nname: u\n", encoding="utf-8")
        return Case("7 duplicate keys", ["generate", "-t", "t.yaml", "--seed", "1"], {1}, note=where)
    text = {
        "top": "kind: closing\nphrases:\n  - {id: a, text: 好}\nphrases:\n  - {id: b, text: 好}\n",
        "entry": "kind: closing\nphrases:\n  - id: a\n    text: 好\n    text: 坏\n",
        "source": "kind: closing\nphrases:\n  - id: a\n    text: 好\n"
        "    sources: [{file: a, file: b, speech: 1, line: 1}]\n",
    }[where]
    (work / "bank" / "closings.yaml").write_text(text, encoding="utf-8")
    args = rng.choice([["phrases", "--bank", "bank"], ["extract", str(ROOT / "seeds"), "-o", "bank", "-q"]])
    return Case("7 duplicate keys", args, {1}, frozen="bank", note=where)


def stream_case(rng: random.Random, work: Path) -> Case:
    env: dict[str, str] = {}
    stdout = "pipe"
    choice = rng.choice(["columns", "encoding", "full", "closed", "prompt"])
    args: list[str | bytes] = rng.choice([
        ["generate", "--seed", "2", "--no-input"], ["phrases"], ["templates"],
        ["outline", str(ROOT / "seeds")],
        ["--help"], ["phrases", "--json"],
    ])  # fmt: skip
    exits = {0}
    if choice == "columns":
        env["COLUMNS"] = rng.choice(["0", "", "abc", "-1", "99999999999999", "1e3", " 80", "٣"])
    elif choice == "encoding":
        env["PYTHONIOENCODING"] = rng.choice(["ascii", "latin-1", "utf-8", "cp1252"])
        exits = {0, 1}
    elif choice in ("full", "closed"):
        stdout, exits = choice, {1}
    else:
        args, exits = ["generate", "-t", "congress", "--seed", "1"], {1}  # stdin is not a terminal: no prompt
    return Case("8 environment and streams", args, exits, env=env, stdout=stdout, note=f"{choice} {env}")


def bytes_case(rng: random.Random, work: Path) -> Case:
    junk = bytes(rng.randrange(0x80, 0x100) for _ in range(rng.randint(1, 6)))
    choice = rng.choice(["file name", "slot", "search", "topic", "bank path", "template"])
    if choice == "file name":
        (work / "corpus").mkdir()
        with open(os.path.join(os.fsencode(work / "corpus"), junk + b".txt"), "wb") as fh:
            fh.write(SPEECH.encode("utf-8"))
        args: list[str | bytes] = rng.choice(
            [["outline", "corpus"], ["extract", "corpus", "-o", "bank", "-q"]]
        )
        return Case("9 bytes not UTF-8", args, {0}, note=f"file name {junk!r}")
    valid = junk.decode("utf-8", "strict") if _is_utf8(junk) else None
    exits = {0, 1} if valid is not None else {1}
    if choice == "slot":
        args = [b"generate", b"--seed", b"1", b"--slot", b"org=" + junk]
    elif choice == "search":
        args = [b"phrases", b"--search", junk]
    elif choice == "topic":
        args = [b"generate", b"--seed", b"1", b"--no-input", b"--topic", junk]
    elif choice == "bank path":
        args, exits = [b"phrases", b"--bank", junk], {1}
    else:
        args, exits = [b"generate", b"-t", junk + b".yaml"], {1}
    return Case("9 bytes not UTF-8", args, exits, note=f"{choice} {junk!r}")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def encoding_case(rng: random.Random, work: Path) -> Case:
    traditional = (
        "同志們：\n今天我們召開工會工作會議，總結過去一年的工作，部署今年的任務。\n"
        "一、加強組織建設\n要進一步健全基層工會組織。\n謝謝大家！\n"
    )
    encoding = rng.choice(["big5", "gbk", "gb18030", "utf-16", "utf-8-sig", "shift_jis", "euc-kr"])
    if encoding in ("shift_jis",):
        text, exits = "日本語のテキストです。これは会議の挨拶です。" * rng.randint(3, 30), {1}
    elif encoding == "euc-kr":
        text, exits = "오늘 우리는 노동조합 회의를 개최합니다. 감사합니다. " * rng.randint(3, 30), {1}
    elif encoding == "big5":
        text, exits = traditional * rng.randint(1, 5), {0}
    else:
        text, exits = SPEECH * rng.randint(1, 5), {0}
    (work / "s.txt").write_bytes(text.encode(encoding))

    def check(folder: Path, result: subprocess.CompletedProcess[bytes]) -> str | None:
        if result.returncode != 0:
            return None
        mined = "".join(p.read_text(encoding="utf-8") for p in (folder / "bank").glob("*.yaml"))
        if any(0xE000 <= ord(ch) <= 0xF8FF for ch in mined) or "工" not in mined:
            return "mojibake mined"
        return None

    return Case("10 encodings", ["extract", "s.txt", "-o", "bank", "-q"], exits, check=check, note=encoding)


def small_case(rng: random.Random, work: Path) -> Case:
    choice = rng.choice(["cr", "fifo", "twice", "minutes", "points", "device"])
    if choice == "cr":
        (work / "mac.txt").write_bytes(SPEECH.replace("\n", "\r").encode("utf-8"))

        def check(folder: Path, result: subprocess.CompletedProcess[bytes]) -> str | None:
            speech = json.loads(result.stdout)["files"][0]["speeches"][0]
            return None if speech["points"][0]["line"] == 3 else "wrong line numbers"

        return Case("12 small ones", ["outline", "mac.txt", "--json"], {0}, check=check, note=choice)
    if choice == "fifo":
        os.mkfifo(work / "p.txt")
        return Case("12 small ones", [rng.choice(["outline", "extract"]), "p.txt"], {1}, note=choice)
    if choice == "device":
        return Case(
            "12 small ones",
            ["outline", rng.choice(["/dev/zero", "/dev/null", "/dev/urandom"])],
            {1},
            note=choice,
        )
    if choice == "twice":
        (work / "link.txt").symlink_to(ROOT / "seeds" / "union_speeches.txt")
        args = [
            "extract",
            "link.txt",
            str(ROOT / "seeds"),
            "../" + work.name + "/link.txt",
            "-o",
            "bank",
            "--json",
        ]

        def once(folder: Path, result: subprocess.CompletedProcess[bytes]) -> str | None:
            return None if json.loads(result.stdout)["files"] == 1 else "a file mined twice"

        return Case("12 small ones", args, {0}, check=once, note=choice)
    if choice == "minutes":
        value = rng.choice(["1e-300", "0", "-1", "nan", "inf", "1e300", "0.05", "121", "0.1", "120", "7.5"])
        ok = value in ("0.1", "120", "7.5")
        return Case(
            "12 small ones",
            ["generate", "--seed", "1", "--no-input", "--minutes", value],
            {0} if ok else {1},
            note=value,
        )
    points = rng.choice(["0", "1", "17", "30", "31", "-4", "99999999999999999999"])
    ok = points in ("1", "17", "30")
    return Case(
        "12 small ones",
        ["generate", "--seed", "1", "--no-input", "--points", points],
        {0} if ok else {1, 2},
        note=f"points {points}",
    )


def other_case(rng: random.Random, work: Path) -> Case:
    """Not in the issue's list: odd caches, odd banks, odd names, huge values."""
    choice = rng.choice([
        "cache is a file", "cache unwritable", "relative xdg", "bank file is a folder", "bank file is a fifo",
        "template fifo", "huge seed", "huge limit", "dash name", "newline name", "bank is a file",
        "symlinked bank",
        "empty env bank", "huge slot",
    ])  # fmt: skip
    env: dict[str, str] = {}
    args: list[str | bytes]
    exits = {0}
    frozen = None
    if choice == "cache is a file":
        (work / "cachefile").write_text("x", encoding="utf-8")
        env["SPEECHKIT_CACHE_DIR"] = str(work / "cachefile")
        args = rng.choice(
            [["generate", "--seed", "1", "--no-input"], ["extract", str(ROOT / "seeds"), "-o", "b", "-q"]]
        )
    elif choice == "cache unwritable":
        (work / "ro").mkdir(mode=0o555)
        env["SPEECHKIT_CACHE_DIR"] = str(work / "ro" / "sub")
        args = ["phrases", "--search", "工会"]
    elif choice == "relative xdg":
        env["XDG_CACHE_HOME"] = "relcache"
        env["SPEECHKIT_CACHE_DIR"] = ""
        args = ["phrases"]

        def no_rel(folder: Path, result: subprocess.CompletedProcess[bytes]) -> str | None:
            return "a cache made in the working folder" if (folder / "relcache").exists() else None

        return Case("13 others", args, exits, env=env, check=no_rel, note=choice)
    elif choice.startswith("bank file is"):
        bank = new_bank(work)
        (bank / "openings.yaml").unlink()
        if choice.endswith("folder"):
            (bank / "openings.yaml").mkdir()
        else:
            os.mkfifo(bank / "openings.yaml")
        args, exits, frozen = (
            rng.choice([["phrases", "--bank", "bank"], ["extract", str(ROOT / "seeds"), "-o", "bank"]]),
            {1},
            "bank",
        )
    elif choice == "template fifo":
        bank = new_bank(work)
        os.mkfifo(bank / "templates" / "x.yaml")
        args, exits = ["templates", "--bank", "bank"], {1}
    elif choice == "huge seed":
        args, exits = ["generate", "--no-input", "--seed", "9" * rng.randint(20, 20000)], {0, 1}
    elif choice == "huge limit":
        args = ["phrases", "--search", "工", "--limit", str(10 ** rng.randint(5, 40))]
    elif choice == "dash name":
        (work / "-x.txt").write_text(SPEECH, encoding="utf-8")
        args = ["outline", "--", "-x.txt"]
    elif choice == "newline name":
        (work / "a\nb.txt").write_text(SPEECH, encoding="utf-8")
        args = ["extract", ".", "-o", "bank", "-q"]
    elif choice == "bank is a file":
        (work / "bank").write_text("x", encoding="utf-8")
        args, exits = (
            rng.choice([["phrases", "--bank", "bank"], ["extract", str(ROOT / "seeds"), "-o", "bank"]]),
            {1},
        )
    elif choice == "symlinked bank":
        new_bank(work, "real")
        (work / "bank").symlink_to("real")
        args = ["extract", str(ROOT / "seeds"), "-o", "bank", "-q"]
    elif choice == "empty env bank":
        env["SPEECHKIT_BANK"] = rng.choice(["", "nowhere", "/dev/null"])
        args, exits = ["phrases"], {0, 1}
    else:
        args = ["generate", "--seed", "1", "--no-input", "--slot", "org=" + "某" * rng.randint(1000, 40000)]
    return Case("13 others", args, exits, env=env, frozen=frozen, note=choice)


# ------------------------------------------------------------------ running


def run_speechkit(
    args: list[str | bytes], cwd: Path, env: dict[str, str], stdout: str = "pipe", timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    """Run speechkit with stdout a pipe, /dev/full, or closed (``>&-``)."""
    full_env = os.environ | {"PYTHONPATH": str(CHECKOUT[0]), "NO_COLOR": "1"} | env
    command: list[str | bytes] = [sys.executable, "-m", "speechkit", *args]
    options: dict[str, object] = {"cwd": cwd, "env": full_env, "stderr": subprocess.PIPE, "timeout": timeout}
    if stdout == "full":
        with open("/dev/full", "wb") as full:
            return subprocess.run(command, stdout=full, stdin=subprocess.DEVNULL, **options)  # type: ignore[call-overload]
    if stdout == "closed":
        command = ["sh", "-c", 'exec "$@" >&-', "sh", *command]
        return subprocess.run(command, stdin=subprocess.DEVNULL, **options)  # type: ignore[call-overload]
    return subprocess.run(command, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, **options)  # type: ignore[call-overload]


def run_case(case: Case, work: Path, timeout: float) -> str | None:
    victim = work.parent / "victim"
    before_victim = snapshot(victim)
    before_frozen = snapshot(work / case.frozen) if case.frozen else None
    BEFORE[str(work)] = snapshot(work / "bank")
    if case.signal_after is not None:
        proc = subprocess.Popen(
            [sys.executable, "-m", "speechkit", *case.args], cwd=work,
            env=os.environ | {"PYTHONPATH": str(CHECKOUT[0])} | case.env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        )  # fmt: skip
        time.sleep(case.signal_after)
        sent = time.monotonic()
        if proc.poll() is None:
            os.killpg(proc.pid, case.signum)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return "hang after the signal"
        if proc.returncode == 130 and time.monotonic() - sent > 3:
            return f"took {time.monotonic() - sent:.1f} s to stop"
        result = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    else:
        try:
            result = run_speechkit(case.args, work, case.env, case.stdout, timeout)
        except subprocess.TimeoutExpired:
            return f"hang (over {timeout:g} s)"
        except OSError as exc:  # the case itself is impossible (an argument over the system's limit)
            return f"harness: {exc}"
    err_text = result.stderr.decode("utf-8", "replace")
    if "Traceback" in err_text:
        return "traceback: " + err_text.strip().splitlines()[-1][:200]
    if result.returncode not in case.exits:
        return f"exit {result.returncode}, documented {sorted(case.exits)}: {err_text[-200:]!r}"
    if RAW_CONTROL.search(result.stderr) or (result.stdout and RAW_CONTROL.search(result.stdout)):
        return "raw control characters on the terminal"
    if snapshot(victim) != before_victim:
        return "a file outside the case's folder changed"
    if case.frozen and snapshot(work / case.frozen) != before_frozen:
        return f"{case.frozen} changed"
    return case.check(work, result) if case.check else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--checkout", type=Path, default=ROOT, help="source checkout to test")
    args = parser.parse_args()
    CHECKOUT[0] = args.checkout.resolve()
    rng = random.Random(args.seed)
    root = Path(tempfile.mkdtemp(prefix="speechkit-hostile-"))
    corpus = root / "interrupt-corpus"
    synth.build(corpus, 2.0, seed=args.seed)
    makers: list[Callable[[random.Random, Path], Case]] = [
        journal_case, output_case, bomb_case, control_case, lambda r, w: interrupt_case(r, w, corpus),
        index_case, duplicate_key_case, stream_case, bytes_case, encoding_case, small_case, other_case,
    ]  # fmt: skip
    plans = []
    for n in range(args.cases):
        case_dir = root / f"case{n:04d}"
        work = case_dir / "work"
        work.mkdir(parents=True)
        (case_dir / "victim").mkdir()
        (case_dir / "victim" / "target.txt").write_text("mine", encoding="utf-8")
        case_rng = random.Random(rng.randrange(2**32))
        maker = makers[n % len(makers)]
        plans.append((maker(case_rng, work), work))
    started = time.monotonic()

    def one(plan: tuple[Case, Path]) -> Outcome:
        case, work = plan
        return Outcome(case.kind, case.note, run_case(case, work, args.timeout))

    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        outcomes = list(pool.map(one, plans))
    tried = Counter(o.kind for o in outcomes)
    failed = Counter(o.kind for o in outcomes if o.failure)
    print(f"{len(outcomes)} cases, seed {args.seed}, {time.monotonic() - started:.0f} s, {CHECKOUT[0]}")
    for kind in sorted(tried, key=lambda k: int(k.split()[0])):
        print(f"  {kind:<28} {tried[kind]:>4} tried  {failed[kind]:>3} failed")
    for o in outcomes:
        if o.failure:
            print(f"FAIL {o.kind} [{o.note}]: {o.failure}")
    print(f"{sum(failed.values())} failures")
    shutil.rmtree(root, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
