"""Every `phieu` command has a help page (a bare % in a help text made `phieu results --help` a traceback)."""

from __future__ import annotations

import argparse

from phieu_desktop.cli import build_parser


def test_every_command_prints_its_help():
    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert {"results", "print", "verify", "export"} <= set(commands.choices)
    for name, sub in commands.choices.items():
        assert name in sub.format_help()


def test_the_light_commands_load_no_heavy_package():
    """`phieu --help` builds every command's parser; the store, the documents, the scanner and the signing code
    load only with the command that runs (a merge that imports them at the top slows every start)."""
    import subprocess
    import sys

    heavy = {"reportlab", "openpyxl", "sqlite_utils", "pyrage", "PySide6", "PIL", "pyhanko", "cryptography",
             "pkcs11", "pypdf", "pypdfium2", "zxingcpp"}
    code = ("import sys; from phieu_desktop.cli import build_parser; build_parser(); "
            "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))")
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                timeout=60).stdout.split())
    assert loaded & heavy == set()


ARGPARSE_ENGLISH = ("usage:", "options:", "positional arguments", "show this help message", "the following",
                    "argument", "invalid", "expected", "required", "unrecognized", "ambiguous", "not allowed",
                    "choose from")


def test_every_help_page_and_syntax_error_is_vietnamese(capsys):
    """Issue 26: argparse's own words ("usage:", "options:", "show this help message and exit", its errors)."""
    import pytest

    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    pages = [parser.format_help()] + [sub.format_help() for sub in commands.choices.values()]
    for page in pages:
        assert "cách dùng:" in page and "tùy chọn:" in page
        assert not [w for w in ARGPARSE_ENGLISH if w in page.lower()], page
    for argv in (["results"], ["results", "a", "b"], ["print", "--copies", "x", "ballots", "a", "-o", "b"],
                 ["print", "minutes", "a", "-o"], [], ["--res"], ["results", "--js", "a", "--json", "b"],
                 ["print", "a.phieu", "minutes"]):
        with pytest.raises(SystemExit) as stop:
            build_parser().parse_args(argv)
        assert stop.value.code == 2
        said = capsys.readouterr().err
        assert said.startswith("phieu: lỗi cú pháp lệnh:") and said.count("\n") == 1, said
        assert not [w for w in ARGPARSE_ENGLISH if w in said.lower()], said


def test_every_command_the_readme_and_the_guide_name_exists():
    """The README and the guide named `phieu board keep` while the command was `phieu board decide`: every
    `phieu CMD` and `phieu board VERB` they write is a command the parser knows."""
    import re
    from pathlib import Path

    import pytest

    root = Path(__file__).resolve().parents[2]
    if not (root / "README.md").exists():
        pytest.skip("the README and the guide are not beside the tests here (the Windows run copies tests only)")
    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    (verbs,) = [a for a in commands.choices["board"]._actions if isinstance(a, argparse._SubParsersAction)]
    text = "\n".join((root / name).read_text(encoding="utf-8") for name in ("README.md", "docs/huong-dan.md"))
    named = set(re.findall(r"`phieu ([a-z][a-z-]+)", text)) | set(re.findall(r"^phieu ([a-z][a-z-]+) ", text,
                                                                                  re.MULTILINE))
    assert named and named <= set(commands.choices), named - set(commands.choices)
    board = set(re.findall(r"phieu board ([a-z][a-z-]+)", text))
    assert board and board <= set(verbs.choices), board - set(verbs.choices)
