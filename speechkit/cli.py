"""The speechkit command line: parse options, call one library function,
print the result. Nothing else lives here.

Every SpeechkitError becomes one ``Error: …`` line on stderr and exit code 1,
in one place (``_Group.invoke``); usage errors exit 2. Heavy modules are
imported inside the commands so that each command starts fast and the
drafting commands never import jieba.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from speechkit import __version__
from speechkit.errors import SpeechkitError

if TYPE_CHECKING:
    from rich.console import Console

CONTEXT = {"help_option_names": ["-h", "--help"]}


class _Group(TyperGroup):
    """The one error boundary: domain errors become ``Error: …``, exit 1."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except SpeechkitError as exc:
            for line in exc.problems:
                sys.stderr.write(f"Error: {line}\n")
            sys.stderr.flush()
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            sys.stderr.write("Error: interrupted\n")
            raise typer.Exit(130) from None


app = typer.Typer(
    cls=_Group,
    context_settings=CONTEXT,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Mine past speeches (讲话稿、致辞) into phrase banks and draft new ones from templates.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"speechkit {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Mine past speeches (讲话稿、致辞) into phrase banks and draft new ones from templates."""


def console(stderr: bool = False) -> Console:
    """A rich console that stays plain (no colour, fixed width) when not on a terminal."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    tty = stream.isatty()
    width = None if tty else int(os.environ.get("COLUMNS", "100"))
    return Console(
        file=stream,
        width=width,
        no_color=bool(os.environ.get("NO_COLOR")) or not tty,
        highlight=False,
        soft_wrap=not tty,
        emoji=False,
    )


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _warn(message: str) -> None:
    sys.stderr.write(f"Warning: {message}\n")


# ------------------------------------------------------------------ mining


PathsArg = Annotated[
    list[Path], typer.Argument(help="Corpus files or folders (*.txt, *.md).", show_default=False)
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


@app.command()
def outline(paths: PathsArg, as_json: JsonOpt = False) -> None:
    """Show the structure of each speech: salutation, opening, transition, points, closing."""
    from speechkit.structure import outline as outline_files

    files = outline_files(paths, warn=_warn)
    if as_json:
        _print_json({"files": [f.to_dict() for f in files]})
        return
    from speechkit.display import outline_tree

    console().print(outline_tree(files))


@app.command()
def extract(
    paths: PathsArg,
    out: Annotated[
        Path, typer.Option("-o", "--out", help="Bank folder to write (merged if it exists).")
    ] = Path("phrasebanks"),
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Print nothing but errors.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Mine speeches into YAML phrase banks (salutations, openings, transitions, points, closings)."""
    from speechkit.mining import extract as extract_corpus

    report = extract_corpus(paths, out, dry_run=dry_run, warn=None if (quiet or as_json) else _warn)
    if as_json:
        _print_json(report.to_dict())
    elif not quiet:
        from speechkit.display import extract_summary

        console().print(extract_summary(report))


def main() -> None:
    app(prog_name="speechkit")
