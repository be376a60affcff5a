"""A Python too old and a library not installed are said in Chinese, with the way to
install it into the environment tui-report runs in, never as an English traceback."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tui_report import environment
from tui_report.cli import main

from ..conftest import EXAMPLE, ROOT

PACKAGE = ROOT / "src" / "tui_report"


def run_without(module: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """tui-report as after ``pip install --no-deps``: ``module`` cannot be imported."""
    code = (
        f"import sys; sys.modules[{module!r}] = None\n"
        "from tui_report.cli import main\n"
        "raise SystemExit(main(sys.argv[1:]))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


# --- the Python version -----------------------------------------------------------------------


@pytest.mark.parametrize("version", [(3, 10, 12), (3, 9, 2), (2, 7, 18)])
def test_a_python_too_old_is_named_in_chinese(version):
    message = environment.python_too_old(version)
    assert message is not None
    assert "tui-report 需要 Python 3.11 或更高版本" in message
    assert f"当前是 Python {'.'.join(map(str, version))}" in message
    assert "venv" in message  # what to do about it


@pytest.mark.parametrize("version", [(3, 11, 0), (3, 12, 7), (3, 13, 1), (4, 0, 0)])
def test_a_new_enough_python_passes(version):
    assert environment.python_too_old(version) is None


def test_the_command_says_so_before_anything_else(monkeypatch, capsys):
    monkeypatch.setattr(environment, "python_too_old", lambda: "tui-report 需要 Python 3.11")
    assert main(["check", str(EXAMPLE)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == "tui-report: tui-report 需要 Python 3.11\n"


@pytest.mark.parametrize(
    "name", ["__init__.py", "__main__.py", "cli/__init__.py", "environment.py"]
)
def test_what_runs_before_the_check_is_python_38_syntax(name):
    """On Python 3.8 the entry point must get as far as the check: the modules it
    imports on the way parse as Python 3.8."""
    source = (PACKAGE / name).read_text(encoding="utf-8")
    ast.parse(source, filename=name, feature_version=(3, 8))


PYENV = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
OLD_PYTHONS = [  # Pythons 3.7 to 3.10 that pyenv has installed
    str(PYENV / name / "bin" / "python")
    for name in sorted(os.listdir(PYENV) if PYENV.is_dir() else [])
    if re.fullmatch(r"3\.(7|8|9|10)\.\d+", name) and (PYENV / name / "bin" / "python").exists()
]


@pytest.mark.skipif(not OLD_PYTHONS, reason="no Python 3.7–3.10 installed (pyenv)")
@pytest.mark.parametrize("python", OLD_PYTHONS or ["none"])
@pytest.mark.parametrize("how", ["-m", "entry point"])
def test_an_old_python_gets_the_chinese_message(python: str, how: str, tmp_path: Path):
    """Python 3.8 stopped with a TypeError inside text/visible.py (``dict | dict``)
    while it said the version was too old."""
    if how == "-m":
        command = [python, "-m", "tui_report", "check", "x.toml"]
    else:  # as the console script installed by pip runs it
        command = [python, "-c", "import sys; from tui_report.cli import main; sys.exit(main())"]
        command += ["check", "x.toml"]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("tui-report: tui-report 需要 Python 3.11 或更高版本"), done.stderr
    assert "Traceback" not in done.stderr


def test_the_entry_point_imports_only_the_standard_library_before_the_check():
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "import tui_report.cli, tui_report.environment\n"
        "new = {m.split('.')[0] for m in set(sys.modules) - before}\n"
        "print(sorted(n for n in new if n != 'tui_report' and n not in sys.stdlib_module_names))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


# --- libraries not installed --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "package", "args"),
    [
        # a Word document is written without python-docx; it reads one
        ("docx", "python-docx", ["import", "OUT/a.docx", "-o", "OUT/a.toml"]),
        ("openpyxl", "openpyxl", ["sum", "EXAMPLE", "--format", "xlsx", "-o", "OUT/a.xlsx"]),
        ("textual", "textual", ["EXAMPLE"]),
        ("tabulate", "tabulate", ["export", "EXAMPLE", "--format", "markdown"]),
    ],
)
def test_a_library_not_installed_is_named_with_how_to_install_it(tmp_path, module, package, args):
    args = [a.replace("EXAMPLE", str(EXAMPLE)).replace("OUT", str(tmp_path)) for a in args]
    if module == "docx":
        assert (
            main(["export", str(EXAMPLE), "--format", "docx", "-o", str(tmp_path / "a.docx")]) == 0
        )
    done = run_without(module, *args, cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    if module == "docx":  # import says what it needs the library for
        assert "读取 Word 文件需要 python-docx" in done.stderr
    else:
        assert f"缺少 tui-report 所需的程序库 {package}" in done.stderr
    assert f"{sys.executable} -m pip install {package}" in done.stderr


def test_an_error_that_is_not_a_missing_library_still_shows(monkeypatch):
    """A bug (an import of something that is no library of ours) is not dressed up."""

    def broken(argv):
        raise ImportError(
            "cannot import name 'x' from 'tui_report.report.model'", name="tui_report"
        )

    monkeypatch.setattr("tui_report.cli._run", broken)
    with pytest.raises(ImportError):
        main(["check", str(EXAMPLE)])


def test_importing_a_pdf_without_pypdf_says_how_to_install_it(tmp_path):
    pdf = ROOT / "tests" / "data" / "import" / "example-2024.pdf"
    done = run_without("pypdf", "import", str(pdf), "-o", str(tmp_path / "a.toml"), cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{sys.executable} -m pip install pypdf" in done.stderr
    assert "tui-report[pdf]" not in done.stderr  # not on a package index: it fails
    assert not (tmp_path / "a.toml").exists()


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("/home/a/.local/share/pipx/venvs/tui-report", "pipx inject tui-report pypdf"),
        ("/home/a/.local/share/uv/tools/tui-report", "uv tool install --reinstall --with pypdf"),
        ("/srv/tui-report/.venv", "/srv/tui-report/.venv/bin/python -m pip install pypdf"),
    ],
)
def test_the_install_command_fits_the_environment(prefix, expected):
    command = environment.install_command("pypdf", prefix, f"{prefix}/bin/python")
    assert command.startswith(expected)
