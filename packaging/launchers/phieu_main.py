"""Frozen entry point of the command line (phieu.exe)."""

import sys

from phieu_desktop.cli import main

sys.exit(main())
