"""Rich renderables for the terminal: outline trees, tables, summaries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

if TYPE_CHECKING:
    from speechkit.mining import ExtractReport
    from speechkit.structure import FileOutline, Point

PREVIEW = 40


def clip(text: str, limit: int = PREVIEW) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _point_branch(tree: Tree, point: Point, marker: str) -> None:
    label = Text(f"{marker}{point.heading}", style="bold")
    label.append(f"  (line {point.line}, {len(point.body)} ¶)", style="dim")
    branch = tree.add(label)
    from speechkit.numbering import marker as render_marker

    for child in point.children:
        _point_branch(branch, child, render_marker(child.style, child.number, len(point.children)))


def outline_tree(files: list[FileOutline]) -> Group:
    from speechkit.numbering import marker as render_marker

    trees = []
    for f in files:
        count = len(f.speeches)
        root = Tree(Text(f"{f.path}  ({count} speech{'es' if count != 1 else ''})", style="bold cyan"))
        for s in f.speeches:
            node = root.add(
                Text(f"speech {s.index} · {s.title or '(untitled)'} · line {s.line}", style="bold")
            )
            node.add(f"salutation: {s.salutation.text if s.salutation else '—'}")
            opening = node.add(f"opening: {len(s.opening)} ¶")
            for para in s.opening:
                opening.add(Text(clip(para.text), style="dim"))
            node.add(f"transition: {s.transition.text if s.transition else '—'}")
            points = node.add(f"points: {len(s.points)}")
            for p in s.points:
                _point_branch(points, p, render_marker(p.style, p.number, len(s.points)))
            closing = node.add(f"closing: {len(s.closing)} ¶")
            for para in s.closing:
                closing.add(Text(clip(para.text), style="dim"))
        trees.append(root)
    return Group(*trees)


def extract_summary(report: ExtractReport) -> Group:
    verb = "Would write" if not report.written else "Wrote"
    table = Table(title=None, show_edge=False)
    for column in ("kind", "found", "unique", "added", "updated", "unchanged", "stale", "kept"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    for kind, r in report.kinds.items():
        table.add_row(
            kind, *(str(v) for v in (r.mined, r.unique, r.added, r.updated, r.unchanged, r.stale, r.kept))
        )
    head = Text(
        f"{verb} {report.out_dir.as_posix()}/ from {report.speeches} speeches in {report.files} "
        f"file{'s' if report.files != 1 else ''}."
    )
    return Group(head, table)
