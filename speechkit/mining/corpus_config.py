"""What the user says about their corpus: ``speechkit.yaml`` beside the files.

```yaml
# speechkit.yaml — in a corpus folder; applies to the files in it and below
occasion: congress          # every speech here, unless a file says otherwise
speaker_level: city
files:
  2023-festival.txt: {occasion: festival, speaker_level: union}
```

The nearest ``speechkit.yaml`` (the file's folder, then its parents up to the
folder named on the command line) decides; a file's own entry wins over the
folder's defaults. What it states replaces what mining guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from speechkit.bank import yamlio
from speechkit.bank.vocabulary import OCCASIONS, SPEAKER_LEVELS
from speechkit.errors import CorpusError

CONFIG_NAME = "speechkit.yaml"
_KEYS = ("occasion", "speaker_level")


@dataclass(frozen=True)
class Stated:
    """What the user stated for one file (None: let mining guess)."""

    occasion: str | None = None
    speaker_level: str | None = None


def _check(value: Any, path: yamlio.PathKey, problems: list[yamlio.Problem]) -> dict[str, str]:
    if not isinstance(value, dict):
        problems.append(yamlio.Problem(path, "expected a mapping of occasion and speaker_level"))
        return {}
    out: dict[str, str] = {}
    for key, item in value.items():
        words = {"occasion": OCCASIONS, "speaker_level": SPEAKER_LEVELS}.get(str(key))
        if words is None:
            problems.append(
                yamlio.Problem(
                    (*path, str(key)), f"unknown key {key!r}; use occasion, speaker_level", at_key=True
                )
            )
        elif item not in words:
            problems.append(
                yamlio.Problem((*path, str(key)), f"unknown {key} {item!r}; use one of: {', '.join(words)}")
            )
        else:
            out[str(key)] = item
    return out


@lru_cache(maxsize=256)
def _read(config: Path) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """(folder defaults, per-file entries) of one ``speechkit.yaml``."""
    text, data = yamlio.read_document(config, CorpusError, "corpus settings file")
    if data is None:
        return {}, {}
    problems: list[yamlio.Problem] = []
    if not isinstance(data, dict):
        raise CorpusError(f"{config}:1:1: {CONFIG_NAME} is a mapping (occasion, speaker_level, files)")
    defaults = _check({k: v for k, v in data.items() if k != "files"}, (), problems)
    files: dict[str, dict[str, str]] = {}
    listed = data.get("files") or {}
    if not isinstance(listed, dict):
        problems.append(yamlio.Problem(("files",), "files is a mapping of file name to settings"))
        listed = {}
    for name, value in listed.items():
        files[str(name)] = _check(value, ("files", name), problems)
    if problems:
        raise yamlio.located_error(CorpusError, config, text, problems)
    return defaults, files


class CorpusSettings:
    """The settings files of one corpus, looked up once a folder rather than
    once a file (a corpus may hold thousands of files in one folder)."""

    def __init__(self) -> None:
        self._above: dict[tuple[Path, Path], list[tuple[Path, Path]]] = {}

    def stated_for(self, path: Path, root: Path) -> Stated:
        """The settings that apply to ``path`` (a file found under ``root``)."""
        settings: dict[str, str] = {}
        for current, config in self._configs_above(path.parent, root):
            defaults, files = _read(config)
            own = files.get(path.relative_to(current).as_posix(), {})
            for key in _KEYS:
                settings.setdefault(key, own.get(key) or defaults.get(key) or "")
        return Stated(settings.get("occasion") or None, settings.get("speaker_level") or None)

    def _configs_above(self, folder: Path, root: Path) -> list[tuple[Path, Path]]:
        """(folder, its settings file) from ``folder`` up to ``root``, nearest first."""
        known = self._above.get((folder, root))
        if known is not None:
            return known
        found = []
        stop = root if root.is_dir() else root.parent
        for current in [folder, *folder.parents]:
            config = current / CONFIG_NAME
            if config.is_file():
                found.append((current, config.resolve()))
            if current == stop or stop not in current.parents:
                break
        self._above[(folder, root)] = found
        return found
