"""Opening a bank folder: the compiled index when it is valid, else the YAML
(compiled for next time). Reading never writes to the bank folder: a write
that was interrupted after its commit point is read through its journal and
left for the next writer to finish."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from speechkit.bank.files import check_bank, load_file
from speechkit.bank.model import FILE_NAMES, JOURNAL_NAME, KINDS, Bank
from speechkit.errors import BankError


def is_bank_folder(folder: Path) -> bool:
    return folder.is_dir() and any((folder / name).exists() for name in FILE_NAMES.values())


def load_bank(
    folder: Path,
    keep_raw: bool = False,
    use_index: bool = True,
    warn: Callable[[str], None] | None = None,
) -> Bank:
    """Load every kind file in ``folder``; missing files are empty kinds.

    Drafting reads the compiled index when it is valid (``bankindex``);
    extraction (``keep_raw``) always reads the YAML itself. ``warn`` hears
    of a pending write, whose new files are read instead of the old.
    """
    if not folder.exists():
        raise BankError(f"{folder}: no such bank folder; run 'speechkit extract' or give --bank DIR")
    if not folder.is_dir():
        raise BankError(f"{folder}: is not a folder; --bank takes a folder of YAML files")
    pending = None
    if os.path.lexists(folder / JOURNAL_NAME):  # rare: the journal module stays off start-up
        from speechkit.bank.journal import pending_files

        pending = pending_files(folder)
    if pending is not None:
        if warn:
            warn(
                f"{folder}: a write to this bank was interrupted; showing the bank it was writing "
                "(the next 'speechkit extract' into this bank finishes it)"
            )
        return _load_yaml(folder, keep_raw, pending)
    if use_index and not keep_raw:
        from speechkit.bank import index as bankindex

        indexed = bankindex.load(folder, rebuild=lambda: _load_and_index(folder))
        return indexed if indexed is not None else _load_and_index(folder)
    return _load_yaml(folder, keep_raw)


def load_bank_to_update(folder: Path, warn: Callable[[str], None] | None = None) -> Bank:
    """The bank as extraction merges into it. From its index where that is valid
    for the files as they are and no entry is curated (marshal records: a
    re-extract of a 10 MB corpus spent two thirds of its time reading its YAML
    again); else from the YAML with each entry's text kept, as a curated entry
    is written back exactly as its file has it."""
    if not os.path.lexists(folder / JOURNAL_NAME) and folder.is_dir():
        from speechkit.bank import index as bankindex

        indexed = bankindex.load(folder, rebuild=lambda: _load_yaml(folder, keep_raw=False))
        if indexed is not None:
            bank = Bank(folder)
            try:
                bank.phrases = {kind: indexed.of_kind(kind) for kind in KINDS}
                read_whole = indexed.read_from_index()  # not fallen back to the YAML midway
            finally:
                indexed.close()
            if read_whole and not any(p.curated for kind in KINDS for p in bank.phrases[kind]):
                return bank
    return load_bank(folder, keep_raw=True, warn=warn)


def _load_and_index(folder: Path) -> Bank:
    from speechkit.bank import index as bankindex

    before = bankindex.signature(folder)
    bank = _load_yaml(folder, keep_raw=False)
    bankindex.store(folder, bank, before)
    return bank


def _load_yaml(folder: Path, keep_raw: bool, pending: dict[str, Path] | None = None) -> Bank:
    bank = Bank(folder)
    paths: dict[str, Path] = {}
    for kind in KINDS:
        path = folder / FILE_NAMES[kind]
        newer = (pending or {}).get(path.name)
        if newer is not None and newer.is_file():  # complete and fsynced before the journal
            path = newer
        if _is_kind_file(path):
            bank.phrases[kind] = load_file(path, kind, keep_raw=keep_raw)
            paths[kind] = path
    check_bank(bank, paths)
    return bank


def _is_kind_file(path: Path) -> bool:
    """Whether ``path`` holds a kind; missing is an empty kind, anything but a file an error."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise BankError(f"{path}: cannot read ({exc.strerror})") from None
    if not stat.S_ISREG(mode):
        raise BankError(f"{path}: is not a regular file; a bank file is a YAML file")
    return True
