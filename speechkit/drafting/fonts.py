"""Which fonts a Word file names, for the five roles of an official document.

GB/T 9704 names 方正小标宋简体 (title), 仿宋_GB2312 (body), 黑体 and
楷体_GB2312 (headings): fonts that government machines have, but a stock
Windows 10 or a Linux desktop does not, where Word and LibreOffice then set
everything in one fallback font. So there are three sets:

- ``gb2312``: the standard's fonts;
- ``windows``: what every Windows since Vista has: 宋体 (bold, standing in
  for 小标宋), 仿宋, 黑体, 楷体;
- ``auto``: for each role, the best font installed on this machine (the
  standard's, then the Windows one, then macOS's 华文/Songti fonts, then free
  ones: Noto/Source Han Serif and Sans, AR PL UKai/UMing); where none is
  found, the Windows one. No free 仿宋 (Fangsong) font is packaged for
  Linux, so there the body is set in a Song (serif) font, and a note says so.

Every font is entered in the document's font table with the Windows font as
its alternative (``w:altName``), the name Word looks for when a font is missing.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

FONT_SETS = ("auto", "gb2312", "windows")
ROLES = ("title", "body", "heading1", "heading2", "page_number")
STYLE_OF_ROLE = {
    "title": "Song",
    "body": "Fangsong",
    "heading1": "Hei",
    "heading2": "Kai",
    "page_number": "Song",
}
ROLE_LABELS = {
    "title": "title",
    "body": "body text",
    "heading1": "first-level headings",
    "heading2": "second-level headings",
    "page_number": "page numbers",
}
WINDOWS_NAME = {"Song": "宋体", "Fangsong": "仿宋", "Hei": "黑体", "Kai": "楷体"}


@dataclass(frozen=True)
class Font:
    name: str  # as written in the document
    style: str  # Song, Fangsong, Hei or Kai
    alt: str = ""  # the font table's alternative: a Windows font of the same style
    bold: bool = False  # 宋体 and the free Song fonts stand in for 小标宋 in bold
    aliases: tuple[str, ...] = ()  # other names of the same font (how systems list it)


@dataclass(frozen=True)
class FontSet:
    name: str
    fonts: dict[str, Font]
    notes: list[str] = field(default_factory=list)

    def __getitem__(self, role: str) -> Font:
        return self.fonts[role]


_SONG = Font("宋体", "Song", "SimSun", aliases=("SimSun",))
_FANGSONG = Font("仿宋", "Fangsong", "FangSong", aliases=("FangSong",))
_HEI = Font("黑体", "Hei", "SimHei", aliases=("SimHei",))
_KAI = Font("楷体", "Kai", "KaiTi", aliases=("KaiTi",))

GB2312 = {
    "title": Font("方正小标宋简体", "Song", "宋体", aliases=("FZXiaoBiaoSong-B05S",)),
    "body": Font("仿宋_GB2312", "Fangsong", "仿宋", aliases=("FangSong_GB2312",)),
    "heading1": Font("黑体", "Hei", "SimHei", aliases=("SimHei",)),
    "heading2": Font("楷体_GB2312", "Kai", "楷体", aliases=("KaiTi_GB2312",)),
    "page_number": _SONG,
}
WINDOWS = {
    "title": Font("宋体", "Song", "SimSun", bold=True, aliases=("SimSun",)),
    "body": _FANGSONG,
    "heading1": _HEI,
    "heading2": _KAI,
    "page_number": _SONG,
}


def _free(name: str, style: str, bold: bool = False) -> Font:
    return Font(name, style, WINDOWS_NAME[style], bold=bold)


_SERIF = ("Noto Serif CJK SC", "Source Han Serif SC", "思源宋体", "AR PL UMing CN")

# auto: the candidates for each role, best first.
CANDIDATES: dict[str, tuple[Font, ...]] = {
    "title": (
        GB2312["title"],
        Font("方正小标宋_GBK", "Song", "宋体", aliases=("FZXiaoBiaoSong-B05",)),
        Font("华文中宋", "Song", "宋体", bold=True, aliases=("STZhongsong",)),
        WINDOWS["title"],
        Font("Songti SC", "Song", "宋体", bold=True, aliases=("宋体-简",)),
        *(_free(name, "Song", bold=True) for name in _SERIF),
    ),
    "body": (
        GB2312["body"],
        _FANGSONG,
        Font("华文仿宋", "Fangsong", "仿宋", aliases=("STFangsong",)),
        *(_free(name, "Song") for name in _SERIF),  # no free Fangsong: the nearest is a Song
    ),
    "heading1": (
        _HEI,
        Font("Heiti SC", "Hei", "黑体", aliases=("黑体-简", "STHeiti")),
        *(_free(name, "Hei") for name in ("Noto Sans CJK SC", "Source Han Sans SC", "思源黑体")),
        *(_free(name, "Hei") for name in ("WenQuanYi Zen Hei", "WenQuanYi Micro Hei")),
    ),
    "heading2": (
        GB2312["heading2"],
        _KAI,
        Font("华文楷体", "Kai", "楷体", aliases=("STKaiti", "Kaiti SC", "楷体-简")),
        _free("AR PL UKai CN", "Kai"),
        *(_free(name, "Song") for name in _SERIF),  # no Kai font: like the body
    ),
    "page_number": (
        _SONG,
        Font("Songti SC", "Song", "宋体", aliases=("宋体-简",)),
        *(_free(n, "Song") for n in _SERIF),
    ),
}


def choose(font_set: str, installed: Iterable[str] | None = None) -> FontSet:
    """The fonts of ``font_set``; ``auto`` picks from ``installed`` (default: this machine's)."""
    from speechkit.errors import OutputError, check_choice

    check_choice("font set", font_set, FONT_SETS, OutputError)
    if font_set == "gb2312":
        return FontSet(font_set, dict(GB2312))
    if font_set == "windows":
        return FontSet(font_set, dict(WINDOWS))
    have = set(installed_families() if installed is None else installed)
    if not have:
        return FontSet("auto", dict(WINDOWS))  # nothing to go by: the fonts most machines have
    fonts: dict[str, Font] = {}
    notes: list[str] = []
    for role in ROLES:
        found = next((f for f in CANDIDATES[role] if have & {f.name, *f.aliases}), None)
        fonts[role] = found or WINDOWS[role]
        wanted = STYLE_OF_ROLE[role]
        if found is not None and found.style != wanted:
            notes.append(
                f"no {wanted} ({WINDOWS_NAME[wanted]}) font is installed here; {ROLE_LABELS[role]} "
                f"set in {found.name}, a {found.style} font"
            )
    return FontSet("auto", fonts, notes)


@functools.cache
def installed_families() -> frozenset[str]:
    """Font family names installed on this machine (empty when it cannot tell)."""
    if sys.platform == "win32":  # pragma: no cover - tested through registry_families
        return frozenset(_windows_registry_names())
    import shutil
    import subprocess

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return frozenset()
    try:
        listed = subprocess.run(
            [fc_list, ":", "family"], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(name.strip() for line in listed.splitlines() for name in line.split(",") if name.strip())


def registry_families(value_names: Iterable[str]) -> set[str]:
    """Family names from the value names of Windows' font registry key
    (``SimSun & NSimSun (TrueType)``, ``仿宋_GB2312 (TrueType)``)."""
    families: set[str] = set()
    for value in value_names:
        name = value.rsplit(" (", 1)[0] if value.endswith(")") else value
        families.update(part.strip() for part in name.split("&") if part.strip())
    return families


def _windows_registry_names() -> set[str]:  # pragma: no cover - Windows only
    names: list[str] = []
    if sys.platform == "win32":  # (so that mypy checks it against Windows' winreg only)
        import winreg

        key_path = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"
        for root in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
            try:
                with winreg.OpenKey(root, key_path) as key:
                    count = winreg.QueryInfoKey(key)[1]
                    names.extend(winreg.EnumValue(key, i)[0] for i in range(count))
            except OSError:
                continue
    return registry_families(names)
