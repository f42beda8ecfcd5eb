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
