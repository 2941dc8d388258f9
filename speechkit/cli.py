"""The speechkit command line: parse options, call one library function,
print the result. Nothing else lives here.

Every SpeechkitError becomes one ``Error: …`` line on stderr and exit code 1,
in one place (``_Group.invoke``); usage errors exit 2. Heavy modules are
imported inside the commands so that each command starts fast and the
drafting commands never import jieba.
"""

import contextlib
import copy
import gc
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from speechkit import __version__, completion, stdio
from speechkit.chars import printable
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
                sys.stderr.write(f"Error: {_shown(line)}\n")
            sys.stderr.flush()
            raise typer.Exit(getattr(exc, "exit_code", 1)) from None
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


def _width() -> int:
    """Columns to lay text out in: $COLUMNS or the terminal's, within reason
    (0, -1, empty or not a number: the terminal's or 100)."""
    return min(max(shutil.get_terminal_size((100, 24)).columns, 20), 1000)


def console(stderr: bool = False) -> "Console":
    """A rich console that stays plain (no colour, fixed width) when not on a terminal."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    tty = stream.isatty()
    return Console(
        file=stream,
        width=_width(),
        no_color=bool(os.environ.get("NO_COLOR")) or not tty,
        highlight=False,
        soft_wrap=not tty,
        emoji=False,
    )


def _print(renderable: Any, **options: Any) -> None:
    with stdio.writing():
        console().print(renderable, **options)


def _write(text: str) -> None:
    with stdio.writing():
        sys.stdout.write(text)


_C1 = "[\x7f-\x9f\u2028\u2029\ud800-\udfff]"  # compiled on first use, off start-up


def _print_json(data: Any) -> None:
    import json

    # JSON escapes C0 controls itself; C1 controls (a terminal may obey U+009B) are escaped here too
    text = json.dumps(data, ensure_ascii=False, indent=2)
    _write(re.sub(_C1, lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def _warn(message: str) -> None:
    sys.stderr.write(f"Warning: {_shown(message)}\n")


def _shown(line: str, limit: int = 2000) -> str:
    """A message line for the terminal: escaped, and cut if a huge value made it huge."""
    line = printable(line)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _ignore(message: str) -> None:
    """Warnings under --quiet: the file is still skipped, silently."""


# ------------------------------------------------------------------ mining


PathsArg = Annotated[
    list[Path],
    typer.Argument(help="Corpus files or folders (*.txt, *.md).", show_default=False, readable=False),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
QuietOpt = Annotated[
    bool, typer.Option("-q", "--quiet", help="Print no notes or warnings, only the result and errors.")
]


@app.command()
def outline(paths: PathsArg, as_json: JsonOpt = False, quiet: QuietOpt = False) -> None:
    """Show the structure of each speech: salutation, opening, transition, points, closing."""
    gc.enable()  # a corpus may be large (see speechkit.launch)
    from speechkit.reading.parser import outline as outline_files

    files = outline_files(paths, warn=_ignore if quiet else _warn)
    if as_json:
        _print_json({"files": [f.to_dict() for f in files]})
        return
    from speechkit.display import outline_tree

    _print(outline_tree(files))


@app.command()
def extract(
    paths: PathsArg,
    out: Annotated[
        Path, typer.Option("-o", "--out", help="Bank folder to write (merged if it exists).", readable=False)
    ] = Path("phrasebanks"),
    jobs: Annotated[
        int | None,
        typer.Option(
            "-j", "--jobs", help="Processes to mine with (default: one per core).", show_default=False
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Print nothing but errors.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Mine speeches into YAML phrase banks (salutations, openings, transitions, points, closings)."""
    gc.enable()  # mining runs as long as the corpus takes (see speechkit.launch)
    from speechkit.mining.extract import extract as extract_corpus

    silent = quiet or as_json
    with _progress_bar(enabled=not silent) as progress:
        report = extract_corpus(
            paths, out, dry_run=dry_run, warn=None if silent else _warn, jobs=jobs, progress=progress
        )
    if as_json:
        _print_json(report.to_dict())
    elif not quiet:
        from speechkit.display import extract_summary

        _print(extract_summary(report))


PROGRESS_MIN_BYTES = 5_000_000  # smaller corpora finish before a bar would help


@contextlib.contextmanager
def _progress_bar(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr (files done, MB/s, time left) for large corpora on a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    bar = Progress(
        "mining", BarColumn(), DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn(),
        console=console(stderr=True), transient=True,
    )  # fmt: skip
    task = None

    def update(done: int, total: int) -> None:
        nonlocal task
        if total < PROGRESS_MIN_BYTES:
            return
        if task is None:
            bar.start()
            task = bar.add_task("mining", total=total)
        bar.update(task, completed=done)

    try:
        yield update
    finally:
        bar.stop()


# ---------------------------------------------------------------- drafting

BankOpt = Annotated[
    Path | None,
    typer.Option(
        "--bank",
        help="Bank folder (default: $SPEECHKIT_BANK, ./phrasebanks, the shipped banks).",
        show_default=False,
        readable=False,  # speechkit says what is wrong with a folder it cannot read, exit 1
    ),
]


def _check_text(option: str, values: list[str | None]) -> None:
    """Words given on the command line are plain text: no control characters,
    and no bytes a non-UTF-8 terminal sent that are not UTF-8."""
    from speechkit.chars import describe, first_forbidden

    for value in values:
        bad = None if value is None else first_forbidden(value)
        if value is not None and bad is not None:
            raise SpeechkitError(
                f"{option}: character {bad + 1} of '{printable(value)}' is {describe(value[bad])}; "
                "give plain text (is the terminal set to UTF-8?)"
            )


def _parse_slots(pairs: list[str]) -> dict[str, str]:
    from speechkit.errors import DraftError

    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise DraftError(f"--slot takes name=value, not {pair!r} (for example --slot org=郴州市总工会)")
        name, value = name.strip(), value.strip()
        if values.get(name, value) != value:  # which one was meant? never the last one silently
            raise DraftError(f"--slot {name} is given twice ({values[name]!r} and {value!r}); give it once")
        values[name] = value
    return values


def _ask(question: str) -> str:
    """Ask on the terminal (stderr, so a draft piped from stdout stays clean);
    an empty answer asks again, end of input leaves the slot missing."""
    while True:
        sys.stderr.write(f"{question}: ")
        sys.stderr.flush()
        line = sys.stdin.readline()
        if not line:
            sys.stderr.write("\n")
            return ""
        if line.strip():
            return line.strip()


def _parse_seed(seed: str | None) -> int | None:
    from speechkit.errors import DraftError

    if seed is None:
        return None
    try:
        value = int(seed)
    except ValueError:
        raise DraftError(f"--seed must be a whole number, not {seed!r}") from None
    if value < 0:
        raise DraftError(f"--seed must be 0 or more, not {value}")
    return value


FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        help="txt, md or docx (default: from the suffix).",
        show_default=False,
        autocompletion=completion.formats,
    ),
]
FontSetOpt = Annotated[
    str,
    typer.Option(
        "--font-set",
        help="Word fonts: auto (the best installed here), windows (宋体 仿宋 黑体 楷体) "
        "or gb2312 (方正小标宋简体 仿宋_GB2312 黑体 楷体_GB2312).",
        autocompletion=completion.font_sets,
    ),
]


def _check_font_set(font_set: str) -> None:
    if font_set == "auto":  # the default: the font tables are loaded only for a Word file
        return
    from speechkit.drafting.fonts import FONT_SETS
    from speechkit.errors import OutputError, check_choice

    check_choice("font set", font_set, FONT_SETS, OutputError)


def _check_outputs(out: Path | None, fmt: str | None, save_draft: Path | None, force: bool) -> None:
    """Say at once, before any work, if an output cannot be written."""
    from speechkit.drafting.render import format_for
    from speechkit.errors import OutputError
    from speechkit.fileio import check_output

    for path in (out, save_draft):
        if path is not None:
            check_output(path, force)
    if out is not None:
        format_for(out, fmt)
        if save_draft is not None and os.path.abspath(out) == os.path.abspath(save_draft):
            raise OutputError(f"{out}: given to both -o and --save-draft; give the draft its own file")


def _write_output(
    draft: Any, out: Path, fmt: str | None, force: bool, quiet: bool, font_set: str = "auto"
) -> None:
    from speechkit.drafting.render import format_for, render
    from speechkit.fileio import write_output

    chosen = format_for(out, fmt)
    fonts = None
    if chosen == "docx":
        from speechkit.drafting.fonts import choose

        fonts = choose(font_set)
    write_output(out, render(draft, chosen, fonts), force)
    _notes(fonts.notes if fonts else [], quiet)
    if not quiet:
        sys.stderr.write(
            f"Wrote {printable(str(out))} ({chosen}, {draft.chars} characters, "
            f"about {draft.spoken_minutes:.1f} minutes)\n"
        )


def _show_draft(draft: Any, fmt: str | None, quiet: bool) -> None:
    """The draft on the terminal: highlighted, or as plain txt/md when a --format is given."""
    if fmt is not None:
        from speechkit.drafting.render import check_printable, render

        sys.stdout.write(render(draft, check_printable(fmt)).decode("utf-8"))
    else:
        from speechkit.drafting.render import draft_plain, draft_styled

        # rich is not loaded for a draft: three styles on a terminal, plain text elsewhere
        colour = not os.environ.get("NO_COLOR")
        _write(draft_styled(draft, colour) if sys.stdout.isatty() else draft_plain(draft))
    if not quiet:
        from speechkit.drafting.render import dimmed, draft_footer

        footer = draft_footer(draft)
        with stdio.writing():
            sys.stderr.write((dimmed(footer) if sys.stderr.isatty() else footer) + "\n")


def _notes(notes: list[str], quiet: bool) -> None:
    if not quiet:
        for note in notes:
            sys.stderr.write(f"Note: {printable(note)}\n")


@app.command()
def generate(
    ctx: typer.Context,
    template: Annotated[
        str,
        typer.Option(
            "-t", "--template", help="Template name or .yaml file.", autocompletion=completion.templates
        ),
    ] = "work-meeting",
    topic: Annotated[
        list[str] | None,
        typer.Option("--topic", help="Prefer phrases about this (repeatable).", show_default=False),
    ] = None,
    slot: Annotated[
        list[str] | None,
        typer.Option(
            "--slot",
            help="Slot value, name=value (repeatable): org, year, event…",
            show_default=False,
            autocompletion=completion.slots,
        ),
    ] = None,
    points: Annotated[
        int | None, typer.Option("--points", help="Number of top-level points.", show_default=False)
    ] = None,
    minutes: Annotated[
        float | None,
        typer.Option("--minutes", help="Target length in minutes of speaking.", show_default=False),
    ] = None,
    rate: Annotated[int, typer.Option("--rate", help="Speaking rate, characters a minute.")] = 220,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Only phrases with nothing to check (names, figures, dates of their source)."
        ),
    ] = False,
    seed: Annotated[
        str | None,
        typer.Option("--seed", help="Seed: the same seed gives the same draft.", show_default=False),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Write the draft to this file.", show_default=False, readable=False
        ),
    ] = None,
    fmt: FormatOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    font_set: FontSetOpt = "auto",
    save_draft: Annotated[
        Path | None,
        typer.Option(
            "--save-draft",
            help="Record the draft's choices to export it again.",
            show_default=False,
            readable=False,
        ),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never prompt; missing required slots are an error.")
    ] = False,
    from_draft: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Draft again from a saved draft: its template, bank, slots, topic and length "
            "(options given override them); keep parts of it with --pin.",
            show_default=False,
            readable=False,
        ),
    ] = None,
    pin: Annotated[
        list[str] | None,
        typer.Option(
            "--pin",
            help="With --from: keep this part as it is (opening.1, 2, closing…; repeatable).",
            show_default=False,
            autocompletion=completion.draft_parts,
        ),
    ] = None,
    explain_parts: Annotated[
        bool,
        typer.Option(
            "--explain", help="Show where each part comes from (as 'speechkit explain') instead of the draft."
        ),
    ] = False,
    as_json: JsonOpt = False,
    quiet: QuietOpt = False,
    bank: BankOpt = None,
) -> None:
    """Draft a speech from a template and the phrase bank."""
    import random

    from speechkit.bank.load import load_bank
    from speechkit.bank.locate import find_bank
    from speechkit.drafting.assemble import assemble, check_numbers, check_slots, missing_required
    from speechkit.drafting.templates import load_template

    _check_text("--topic", list(topic or []))
    _check_text("-t/--template", [template])
    values = _parse_slots(slot or [])
    chosen_seed = _parse_seed(seed)
    _check_font_set(font_set)
    if out is None and fmt is not None:
        from speechkit.drafting.render import check_printable

        check_printable(fmt)  # before any work: a Word file needs -o
    check_numbers(minutes, points, rate)
    _check_outputs(out, fmt, save_draft, force)
    _check_from(ctx, from_draft, pin or [])
    picked = chosen_seed is None
    if chosen_seed is None:
        chosen_seed = random.SystemRandom().randrange(1_000_000)
    if from_draft is not None:
        from speechkit.drafting.swap import regenerate

        again = regenerate(
            from_draft,
            pin or [],
            seed=chosen_seed,
            slots=values,
            topic=topic or None,
            minutes=minutes,
            points=points,
            rate=rate if _given(ctx, "rate") else None,
            strict=strict,
            bank_folder=bank,
            warn=_warn,
        )
        draft, phrase_bank, tmpl = again.draft, again.bank, again.template
    else:
        folder = find_bank(bank)
        tmpl = load_template(template, folder)
        check_slots(tmpl, values)
        if not no_input and sys.stdin is not None and sys.stdin.isatty():  # piped input is never a prompt's
            for name in missing_required(tmpl, values):
                values[name] = _ask(f"{tmpl.label(name)} ({name})")
            check_slots(tmpl, values)
        phrase_bank = load_bank(folder, warn=_warn)
        draft = assemble(
            phrase_bank,
            tmpl,
            slots=values,
            topic=topic or [],
            seed=chosen_seed,
            minutes=minutes,
            points=points,
            rate=rate,
            strict=strict,
        )
    if picked and not quiet:
        sys.stderr.write(f"seed {chosen_seed} (use --seed {chosen_seed} to get this draft again)\n")
    _notes(draft.notes, quiet)
    if out is not None:
        _write_output(draft, out, fmt, force, quiet, font_set)
    if explain_parts:
        from speechkit.drafting.provenance import explain

        _show_explanation(explain(draft, phrase_bank, tmpl), draft, as_json, quiet)
    elif out is not None:
        pass
    elif as_json:
        from speechkit.drafting.draftfile import to_data
        from speechkit.drafting.render import to_text

        _print_json(
            {
                "title": draft.title,
                "text": to_text(draft),
                "chars": draft.chars,
                "minutes": round(draft.spoken_minutes, 2),
                "placeholders": draft.placeholders,
                "checks": draft.checks,
                "notes": draft.notes,
                **to_data(draft),
            }
        )
    else:
        _show_draft(draft, fmt, quiet)
    if save_draft is not None:  # last: a draft whose output failed is not recorded
        from speechkit.drafting.draftfile import dump
        from speechkit.fileio import write_output

        write_output(save_draft, dump(draft, phrase_bank, tmpl), force)


def _given(ctx: typer.Context, name: str) -> bool:
    """Whether an option was given (on the command line or by the environment), not defaulted."""
    source = ctx.get_parameter_source(name)  # click's, or the one typer carries: by name
    return source is not None and source.name != "DEFAULT"


def _check_from(ctx: typer.Context, from_draft: Path | None, pins: list[str]) -> None:
    from speechkit.errors import DraftError

    _check_text("--pin", list(pins))
    if from_draft is None and pins:
        raise DraftError(
            f"--pin {pins[0]} keeps a part of a saved draft: name the draft with --from DRAFT.yaml"
        )
    if from_draft is not None and _given(ctx, "template"):
        raise DraftError(f"--from {from_draft} drafts with that draft's template; leave out -t/--template")


def _show_explanation(parts: list[Any], draft: Any, as_json: bool, quiet: bool) -> None:
    """Each part of a draft and where it comes from; the draft's length and checks below, on stderr."""
    if as_json:
        _print_json([p.to_dict() for p in parts])
        return
    from speechkit.display import explanation
    from speechkit.drafting.render import draft_footer

    _print(explanation(parts), end="")
    if not quiet:
        console(stderr=True).print(draft_footer(draft), style="dim")


DraftArg = Annotated[
    Path,
    typer.Argument(
        metavar="DRAFT", help="A draft saved with generate --save-draft.", show_default=False, readable=False
    ),
]


@app.command("explain")
def explain_command(
    draft_file: DraftArg, as_json: JsonOpt = False, quiet: QuietOpt = False, bank: BankOpt = None
) -> None:
    """Show where each part of a saved draft comes from: its address (for swap and --pin),
    phrase id, source file:line, the source speech's occasion, and what to check."""
    from speechkit.drafting.provenance import explain_file

    report = explain_file(draft_file, bank, warn=_warn)
    _notes(report.draft.notes, quiet)
    _show_explanation(report.parts, report.draft, as_json, quiet)


@app.command("swap")
def swap_command(
    draft_file: DraftArg,
    part: Annotated[
        str,
        typer.Argument(
            metavar="PART",
            help="The part to replace: salutation, opening.1, 2, 2.1, closing… as 'explain' lists them.",
            show_default=False,
            autocompletion=completion.draft_parts,
        ),
    ],
    seed: Annotated[
        str | None,
        typer.Option(
            "--seed",
            help="Seed: the same seed gives the same phrase (default: the draft's).",
            show_default=False,
        ),
    ] = None,
    topic: Annotated[
        list[str] | None,
        typer.Option(
            "--topic", help="Prefer phrases about this (default: the draft's topic).", show_default=False
        ),
    ] = None,
    as_json: JsonOpt = False,
    quiet: QuietOpt = False,
    bank: BankOpt = None,
) -> None:
    """Replace one part of a saved draft with another fitting phrase; the rest stays as it is."""
    from speechkit.drafting.swap import swap

    _check_text("PART", [part])
    _check_text("--topic", list(topic or []))
    done = swap(draft_file, part, seed=_parse_seed(seed), topic=topic or [], bank_folder=bank, warn=_warn)
    _notes(done.notes, quiet)
    if as_json:
        _print_json(
            {
                "part": done.address,
                "old": done.old,
                "new": done.new,
                "chars": done.draft.chars,
                "checks": len(done.draft.checks),
                "parts": [p.to_dict() for p in done.parts],
            }
        )
        return
    if not quiet:
        sys.stderr.write(f"Swapped {done.address} in {printable(str(draft_file))}: {done.old} → {done.new}\n")
    _show_explanation(done.parts, done.draft, False, quiet)


@app.command()
def export(
    draft_file: Annotated[
        Path,
        typer.Argument(help="A draft saved with generate --save-draft.", show_default=False, readable=False),
    ],
    out: Annotated[
        Path, typer.Option("-o", "--output", help="File to write.", show_default=False, readable=False)
    ],
    fmt: FormatOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    font_set: FontSetOpt = "auto",
    quiet: QuietOpt = False,
    bank: BankOpt = None,
) -> None:
    """Render a saved draft to a file again, exactly as it was generated."""
    from speechkit.drafting.draftfile import load_draft

    _check_font_set(font_set)
    _check_outputs(out, fmt, None, force)
    draft = load_draft(draft_file, bank, warn=_warn)
    _notes(draft.notes, quiet)
    _write_output(draft, out, fmt, force, quiet, font_set)


phrases_app = typer.Typer(
    cls=_Group,
    context_settings=CONTEXT,
    invoke_without_command=True,
    rich_markup_mode=None,
    help="List and search the phrase bank; 'phrases show ID' prints one entry.",
)
app.add_typer(phrases_app, name="phrases")


@phrases_app.callback()
def phrases(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="salutation, opening, transition, point or closing.",
            show_default=False,
            autocompletion=completion.kinds,
        ),
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", help="Word in the text or keywords.", show_default=False)
    ] = None,
    tag: Annotated[
        str | None,
        typer.Option(
            "--tag",
            help="Occasion tag, e.g. congress.",
            show_default=False,
            autocompletion=completion.occasions,
        ),
    ] = None,
    occasion: Annotated[
        str | None,
        typer.Option(
            "--occasion",
            help="Occasion of the source speech, e.g. festival.",
            show_default=False,
            autocompletion=completion.occasions,
        ),
    ] = None,
    move: Annotated[
        str | None,
        typer.Option(
            "--move",
            help="What an opening or closing does, e.g. wishes.",
            show_default=False,
            autocompletion=completion.moves,
        ),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many (0: all).")] = 20,
    as_json: JsonOpt = False,
    bank: BankOpt = None,
) -> None:
    """List and search the phrase bank; 'phrases show ID' prints one entry."""
    ctx.obj = bank
    if ctx.invoked_subcommand is not None:
        return
    from speechkit.bank.load import load_bank
    from speechkit.bank.locate import find_bank
    from speechkit.bank.model import find_phrases
    from speechkit.errors import BankError

    if limit < 0:
        raise BankError(f"--limit must be 0 or more, not {limit}")
    _check_text("--search", [search])
    _check_text("--tag", [tag])
    _check_text("--kind", [kind])
    _check_text("--occasion", [occasion])
    _check_text("--move", [move])
    shown, total = find_phrases(
        load_bank(find_bank(bank), warn=_warn),
        kind=kind,
        search=search,
        tag=tag,
        limit=limit,
        occasion=occasion,
        move=move,
    )
    if as_json:
        _print_json([p.to_dict() | {"kind": p.kind} for p in shown])
        return
    from speechkit.display import phrases_table

    _write(phrases_table(shown, total, _width()))


@phrases_app.command("show")
def phrases_show(
    ctx: typer.Context,
    phrase_id: Annotated[
        str, typer.Argument(metavar="ID", help="A phrase id, as listed by 'speechkit phrases'.")
    ],
    as_json: JsonOpt = False,
    bank: BankOpt = None,
) -> None:
    """Print one phrase entry in full."""
    from speechkit.bank.load import load_bank
    from speechkit.bank.locate import find_bank
    from speechkit.errors import BankError

    _check_text("ID", [phrase_id])
    # --bank may come before 'show' (the group's option) or after it
    phrase_bank = load_bank(find_bank(bank if bank is not None else ctx.obj), warn=_warn)
    phrase = phrase_bank.get(phrase_id)
    if phrase is None:
        raise BankError(
            f"no phrase with id {phrase_id!r} in {phrase_bank.folder}; list them with 'speechkit phrases'"
        )
    if as_json:
        _print_json(phrase.to_dict() | {"kind": phrase.kind})
    else:
        _write(f"# {phrase.kind}\n" + phrase.to_yaml())


@app.command()
def templates(
    name: Annotated[
        str | None,
        typer.Argument(
            help="Show this template's sections and slots.",
            show_default=False,
            autocompletion=completion.templates,
        ),
    ] = None,
    bank: BankOpt = None,
) -> None:
    """List the templates, or show one."""
    from speechkit.bank.locate import find_bank
    from speechkit.drafting.templates import list_templates, load_template

    _check_text("NAME", [name])
    folder = find_bank(bank)
    if name:
        from speechkit.display import template_detail

        _print(template_detail(load_template(name, folder)))
    else:
        from speechkit.display import templates_table

        _print(templates_table(list_templates(folder)))


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app holding only the command ``args`` name, when they name one.

    Before it runs a command, typer works out every command's options from its
    signature: about 4 ms of each draft's start-up, for commands not run. A command
    alone parses, helps and fails exactly as within the whole app; top-level
    options, help and shell completion get the whole app.
    """
    name = args[0] if args else ""
    commands = [c for c in app.registered_commands if _command_name(c) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not (commands or groups) or "_SPEECHKIT_COMPLETE" in os.environ:
        return app
    alone = copy.copy(app)
    alone.registered_commands = commands
    alone.registered_groups = groups
    return alone


def _command_name(info: Any) -> str:
    return str(info.name or info.callback.__name__.lower().replace("_", "-"))  # as typer names it


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM and SIGHUP stop a command as Ctrl-C does: cleanly


def main() -> None:
    import signal

    stops = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    for sig in stops:
        signal.signal(sig, _interrupt)
    stdio.install()
    try:
        try:
            app_for(sys.argv[1:])(prog_name="speechkit")
        finally:
            # The command is over, its exit code decided: an interrupt now would only
            # kill Python while it tidies up (dying of the signal, without a word).
            for sig in (signal.SIGINT, *stops):
                signal.signal(sig, signal.SIG_IGN)
            sys.stdout.flush()  # what typer printed itself (help, version) may still be buffered
    except (stdio.StdoutFailed, UnicodeEncodeError) as exc:
        for line in stdio.problems(exc):
            sys.stderr.write(f"Error: {line}\n")
        raise SystemExit(1) from None
