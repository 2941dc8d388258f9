"""Rich renderables for the terminal: outline trees, tables, summaries.

Every text shown passes through ``printable``: a control character in a
corpus file, a file name or a bank is shown as an escape, never obeyed by
the terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text

from speechkit.chars import printable

if TYPE_CHECKING:
    from rich.table import Table
    from rich.tree import Tree

    from speechkit.bank.model import Phrase
    from speechkit.drafting.provenance import PartInfo
    from speechkit.drafting.templates import Level, Template
    from speechkit.mining.extract import ExtractReport
    from speechkit.reading.outline import FileOutline, Point

PREVIEW = 40


def clip(text: str, limit: int = PREVIEW) -> str:
    text = printable(text.replace("\n", " "))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _point_branch(tree: Tree, point: Point, marker: str) -> None:
    label = Text(f"{marker}{printable(point.heading)}", style="bold")
    label.append(f"  (line {point.line}, {len(point.body)} ¶)", style="dim")
    branch = tree.add(label)
    from speechkit.reading.numbering import marker as render_marker

    for child in point.children:
        _point_branch(branch, child, render_marker(child.style, child.number, len(point.children)))


def outline_tree(files: list[FileOutline]) -> Group:
    from rich.tree import Tree

    from speechkit.reading.numbering import marker as render_marker

    trees = []
    for f in files:
        count = len(f.speeches)
        root = Tree(
            Text(f"{printable(f.path)}  ({count} speech{'es' if count != 1 else ''})", style="bold cyan")
        )
        for s in f.speeches:
            node = root.add(
                Text(f"speech {s.index} · {printable(s.title or '(untitled)')} · line {s.line}", style="bold")
            )
            node.add(Text(f"salutation: {printable(s.salutation.text) if s.salutation else '—'}"))
            opening = node.add(f"opening: {len(s.opening)} ¶")
            for para in s.opening:
                opening.add(Text(clip(para.text), style="dim"))
            node.add(Text(f"transition: {printable(s.transition.text) if s.transition else '—'}"))
            points = node.add(f"points: {len(s.points)}")
            for p in s.points:
                _point_branch(points, p, render_marker(p.style, p.number, len(s.points)))
            closing = node.add(f"closing: {len(s.closing)} ¶")
            for para in s.closing:
                closing.add(Text(clip(para.text), style="dim"))
        trees.append(root)
    return Group(*trees)


def extract_summary(report: ExtractReport) -> Group:
    from rich.table import Table

    verb = "Would write" if not report.written else "Wrote"
    table = Table(title=None, show_edge=False)
    columns = ("kind", "found", "unique", "added", "updated", "unchanged", "stale", "kept", "rejected")
    for column in columns:
        table.add_column(column, justify="left" if column == "kind" else "right")
    for kind, r in report.kinds.items():
        counts = (r.mined, r.unique, r.added, r.updated, r.unchanged, r.stale, r.kept, r.rejected)
        table.add_row(kind, *(str(v) for v in counts))
    speeches = f"{report.speeches} speech{'es' if report.speeches != 1 else ''}"
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    head = Text(f"{verb} {printable(report.out_dir.as_posix())}/ from {speeches} in {files}.")
    if report.written:
        return Group(head, table)
    changes = Text()
    for change, label in (("added", "would add"), ("updated", "would update"), ("stale", "would mark stale")):
        for r in report.kinds.values():
            for entry in r.changes.get(change, []):
                changes.append(f"{label}: {printable(entry['id'])}  {clip(entry['text'])}\n")
    return Group(head, table, changes) if changes else Group(head, table, Text("nothing would change"))


# ------------------------------------------------------------------ drafting


def _fit(text: str, width: int) -> str:
    """``text`` cut or padded to ``width`` terminal cells (CJK characters take two)."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) > width:
        cut = set_cell_size(text, width - 1)
        if cut.endswith(" ") and not text[: len(cut)].endswith(" "):
            cut = cut[:-1]  # a wide character did not fit: no gap before the ellipsis
        return set_cell_size(cut + "…", width)
    return set_cell_size(text, width)


def phrases_table(phrases: list[Phrase], total: int | None, width: int = 100) -> str:
    """A plain, aligned listing: quick to print even for thousands of rows."""
    rows = []
    for p in phrases:
        first = p.sources[0] if p.sources else None
        where = f"{first.file.rsplit('/', 1)[-1]}:{first.line}" if first else "—"
        if len(p.sources) > 1:
            where += f" +{len(p.sources) - 1}"
        flags = ("[curated] " if p.curated else "") + ("[stale] " if p.stale else "")
        flags += f"[{len(p.specifics)} to check] " if p.specifics else ""
        text = flags + printable(p.text.replace("\n", " "))
        rows.append((p.kind, printable(p.id), text, str(p.count), printable(where)))
    kind_w = max([4, *(len(r[0]) for r in rows)])
    id_w = max([2, *(len(r[1]) for r in rows)])
    src_w = max([7, *(len(r[4]) for r in rows)])
    text_w = max(12, width - kind_w - id_w - src_w - 5 - 8)

    def line(cells: tuple[str, str, str, str, str]) -> str:
        kind, pid, text, count, where = cells
        return f"{kind:<{kind_w}}  {pid:<{id_w}}  {_fit(text, text_w)}  {count:>5}  {where}".rstrip()

    out = [line(("kind", "id", "text", "count", "sources"))]
    out.extend(line(r) for r in rows)
    if total is None:
        out.append(f"{len(phrases)} shown; more match (--limit 0 lists them all)")
    else:
        noun = "phrase" if total == 1 else "phrases"
        out.append(f"{len(phrases)} of {total} {noun}" if len(phrases) < total else f"{total} {noun}")
    return "\n".join(out) + "\n"


def _plain(text: str) -> Text:
    """A table cell from user text: escaped, and never read as rich markup."""
    return Text(printable(text))


def templates_table(templates: list[Template]) -> Table:
    from rich.table import Table

    table = Table(show_edge=False)
    table.add_column("name", no_wrap=True)
    table.add_column("description")
    table.add_column("slots")
    for t in templates:
        slots = ", ".join(f"{n}*" if s.required else n for n, s in t.slots.items())
        table.add_row(_plain(t.name), _plain(t.description), _plain(slots))
    return table


def template_detail(template: Template) -> Group:
    from rich.table import Table

    from speechkit.reading.numbering import marker

    head = Text()
    head.append(printable(template.name), style="bold")
    head.append(f"  {printable(template.description)}\n")
    head.append(f"title: {printable(template.title)}\n")
    length = f"about {template.minutes:g} minutes" if template.minutes else "as its sections give"
    tags = printable(", ".join(template.tags)) or "—"
    head.append(f"length: {length} · tags: {tags}")
    slots = Table(show_edge=False, title=None)
    for column in ("slot", "label", "required", "default"):
        slots.add_column(column)
    for name, spec in template.slots.items():
        slots.add_row(name, _plain(spec.label), "yes" if spec.required else "no", _plain(spec.default or "—"))
    sections = Text("sections:\n")
    for n, s in enumerate(template.sections, start=1):
        if s.kind == "points" and s.points:
            level: Level | None = s.points
            depth, desc = 0, []
            while level is not None:
                desc.append(f"{'  ' * depth}{level.count} × {marker(level.style, 1, level.count)}…")
                level, depth = level.children, depth + 1
            sections.append(f"  {n}. points\n" + "".join(f"       {d}\n" for d in desc))
        elif s.text:
            sections.append(f"  {n}. {s.kind}: {printable(s.text)}\n")
        elif s.kind in ("opening", "closing"):
            sections.append(f"  {n}. {s.kind} (pick {s.pick})\n")
        else:
            sections.append(f"  {n}. {s.kind}\n")
    return Group(head, Text(""), slots, Text(""), sections)


def explanation(parts: list[PartInfo]) -> Text:
    """Each part of a draft: its address (for swap and --pin), phrase id and text, then
    where it was found, the occasion of that speech and what to check."""
    width = max([0, *(len(p.address) for p in parts)])
    indent = " " * (width + 2)
    out = Text()
    for p in parts:
        out.append(f"{p.address:<{width}}", style="bold")
        if p.id is None:
            out.append(f"  {'template text' if p.kind == 'text' else 'template wording'}", style="dim")
        else:
            out.append(f"  {printable(p.id)}")
        out.append(f"  {clip(p.text.split(chr(10), 1)[0])}\n")
        if p.id is None:
            continue
        first = p.sources[0] if p.sources else None
        where = f"{first.file}:{first.line}" if first else "no source recorded"
        where += f" +{len(p.sources) - 1}" if len(p.sources) > 1 else ""
        detail = f"from {printable(where)} · occasion {printable(p.occasion or 'unknown')}"
        if p.of is not None and p.sentences is not None and p.sentences < p.of:
            detail += f" · {p.sentences} of {p.of} sentences"
        out.append(f"{indent}{detail}\n", style="dim")
        if p.checks:
            out.append(f"{indent}to check: ")
            out.append(" · ".join(printable(text) for text, _ in p.checks) + "\n", style="bold yellow")
    return out
