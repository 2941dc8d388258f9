"""The Word file is python-docx's, part for part, written without loading python-docx."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

docx = pytest.importorskip(
    "docx", reason="python-docx (the reference) is not installed: pip install -e '.[test]'"
)

from speechkit.bank.load import load_bank  # noqa: E402
from speechkit.drafting import docx_export  # noqa: E402
from speechkit.drafting.assemble import Block, Draft, assemble  # noqa: E402
from speechkit.drafting.fonts import Font, FontSet, choose  # noqa: E402
from speechkit.drafting.templates import load_template  # noqa: E402
from speechkit.errors import OutputError  # noqa: E402

from . import docx_reference  # noqa: E402
from .conftest import DEFAULT_BANK  # noqa: E402


def parts(data: bytes) -> list[tuple[str, bytes]]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return [(name, z.read(name)) for name in z.namelist()]


def odd_draft() -> Draft:
    blocks = [
        Block("title", "关于“A&B”<试行>的讲话"),
        Block("salutation", "同志们："),
        Block("heading", "一、第一部分", level=1),
        Block("paragraph", " 开头有空格，结尾也有 "),
        Block("paragraph", "一行\t制表\n换行\r回车【核：83家】与【单位名称】，还有'单引号'和\"双引号\"。"),
        Block("heading", "（一）第二级", level=2),
        Block("heading", "1.第三级", level=3),
        Block("paragraph", ""),
        Block("paragraph", "谢谢大家！", section="closing"),
    ]
    return Draft(template="work-meeting", title="t", blocks=blocks, parts=[], slots={}, topic=[], seed=0)


ROLES = ("title", "body", "heading1", "heading2", "page_number")
# names that must be escaped, and a bold title
ODD_FONTS = FontSet(
    "odd", {role: Font('Odd & "Font" <1>', "Song", alt="宋体", bold=role == "title") for role in ROLES}
)
FONT_SETS = [choose("gb2312"), choose("windows"), choose("auto"), ODD_FONTS]


@pytest.mark.parametrize("fonts", FONT_SETS, ids=lambda f: f.name)
def test_every_part_is_what_python_docx_writes(fonts: FontSet) -> None:
    bank = load_bank(DEFAULT_BANK)
    drafts = [odd_draft()]
    for name, slots in (("commendation", {"org": "郴州市总工会"}), ("work-meeting", {}), ("festival", {})):
        drafts.append(assemble(bank, load_template(name), slots=slots, seed=2))
    for draft in drafts:
        assert parts(docx_export.to_docx(draft, fonts)) == parts(docx_reference.to_docx(draft, fonts))


def test_the_base_is_what_python_docx_makes_now() -> None:
    with zipfile.ZipFile(docx_export.base_path()) as z:
        made_with = z.read("python-docx.txt").decode()
    if made_with != docx.__version__:
        pytest.skip(f"the base was made with python-docx {made_with}, this is {docx.__version__}")
    assert parts(docx_export.base_path().read_bytes()) == parts(docx_reference.base())


def test_the_same_draft_gives_the_same_file() -> None:
    assert docx_export.to_docx(odd_draft(), choose("windows")) == docx_export.to_docx(
        odd_draft(), choose("windows")
    )


def test_word_export_loads_no_python_docx(tmp_path: Path) -> None:
    probe = (
        "import sys\nfrom speechkit.cli import app\nfrom typer.testing import CliRunner\n"
        f"r = CliRunner().invoke(app, ['generate', '--seed', '1', '-o', {str(tmp_path / 'x.docx')!r}])\n"
        "print(r.exit_code, 'docx' in sys.modules, 'lxml' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "False", "False"]
    assert docx.Document(str(tmp_path / "x.docx")).paragraphs  # and python-docx reads it


def _altered_base(path: Path) -> bytes:
    """The real base with its first footer's paragraph gone."""
    out = io.BytesIO()
    with zipfile.ZipFile(docx_export.base_path()) as real, zipfile.ZipFile(out, "w") as z:
        for name in real.namelist():
            blob = real.read(name)
            z.writestr(name, blob.replace(b"<w:p>", b"") if name == "word/footer1.xml" else blob)
    return out.getvalue()


@pytest.mark.parametrize("damage", ["not a zip", "a part altered"])
def test_a_damaged_base_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Any, damage: str
) -> None:
    broken = tmp_path / "docx_base.zip"
    broken.write_bytes(b"PK\x03\x04 not a zip" if damage == "not a zip" else _altered_base(broken))
    monkeypatch.setattr(docx_export, "base_path", lambda: broken)
    docx_export._base.cache_clear()
    try:
        with pytest.raises(OutputError, match="the Word base of this installation is damaged"):
            docx_export.to_docx(odd_draft(), choose("windows"))
        result = run("generate", "--seed", "1", "-o", str(tmp_path / "x.docx"))
        assert result.exit_code == 1 and result.stderr.startswith("Error: the Word base of this installation")
        assert not (tmp_path / "x.docx").exists()
    finally:
        docx_export._base.cache_clear()
