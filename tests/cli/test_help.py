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
