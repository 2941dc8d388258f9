"""Where the bank is: ``--bank DIR``, then ``$SPEECHKIT_BANK``, then
``./phrasebanks`` if present, then the default banks shipped in the package."""

from __future__ import annotations

import os
from pathlib import Path

from speechkit.bank.load import is_bank_folder
from speechkit.errors import BankError

ENV_VAR = "SPEECHKIT_BANK"
LOCAL_FOLDER = "phrasebanks"


def default_bank() -> Path:
    """The banks shipped inside the package (``speechkit/phrasebanks`` in the
    wheel); from a source checkout, the repository's ``phrasebanks/``.

    The package is always a folder on disk here (a bank is read as files), so
    its own path says where: ``importlib.resources.files`` would give the
    same folder after 1.7 ms of imports on every command."""
    shipped = Path(__file__).resolve().parents[1] / "phrasebanks"
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[2] / "phrasebanks"


def find_bank(option: Path | None = None) -> Path:
    if option is not None:
        if not option.exists():
            raise BankError(f"{option}: no such bank folder; check --bank, or run 'speechkit extract' first")
        if not option.is_dir():
            raise BankError(f"{option}: is not a folder; --bank takes a folder of YAML files")
        return option
    env = os.environ.get(ENV_VAR)
    if env:
        path = Path(env)
        if not path.is_dir():
            raise BankError(f"{path}: no such bank folder (from ${ENV_VAR}); fix or unset it")
        return path
    local = Path(LOCAL_FOLDER)
    if is_bank_folder(local):
        return local
    return default_bank()
