"""Opening a bank folder: finish an interrupted write, then read the compiled
index when it is valid, else the YAML (and compile it for next time)."""

from __future__ import annotations

from pathlib import Path

from speechkit.bank.files import check_bank, load_file
from speechkit.bank.model import FILE_NAMES, KINDS, Bank
from speechkit.errors import BankError


def is_bank_folder(folder: Path) -> bool:
    return folder.is_dir() and any((folder / name).is_file() for name in FILE_NAMES.values())


def load_bank(folder: Path, keep_raw: bool = False, use_index: bool = True) -> Bank:
    """Load every kind file in ``folder``; missing files are empty kinds.

    Drafting reads the compiled index when it is valid (``bankindex``);
    extraction (``keep_raw``) always reads the YAML itself.
    """
    if not folder.exists():
        raise BankError(f"{folder}: no such bank folder; run 'speechkit extract' or give --bank DIR")
    if not folder.is_dir():
        raise BankError(f"{folder}: is not a folder; --bank takes a folder of YAML files")
    from speechkit.bank.journal import needs_recovery

    if needs_recovery(folder):  # an extract was interrupted after it committed: finish it
        from speechkit.bank.journal import bank_lock, recover

        with bank_lock(folder):
            recover(folder)
    if use_index and not keep_raw:
        from speechkit.bank import index as bankindex

        indexed = bankindex.load(folder)
        if indexed is not None:
            return indexed
        before = bankindex.signature(folder)
        bank = _load_yaml(folder, keep_raw=False)
        bankindex.store(folder, bank, before)
        return bank
    return _load_yaml(folder, keep_raw)


def _load_yaml(folder: Path, keep_raw: bool) -> Bank:
    bank = Bank(folder)
    for kind in KINDS:
        path = folder / FILE_NAMES[kind]
        if path.is_file():
            bank.phrases[kind] = load_file(path, kind, keep_raw=keep_raw)
    check_bank(bank)
    return bank
