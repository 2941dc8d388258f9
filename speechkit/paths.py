"""The user's cache folder (jieba's dictionary cache, compiled bank indexes)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def cache_dir() -> Path:
    """``$SPEECHKIT_CACHE_DIR``, else the platform's user cache folder + ``speechkit``."""
    override = os.environ.get("SPEECHKIT_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        # the XDG spec: a relative path is invalid and ignored (it would scatter caches over working folders)
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "speechkit"
