"""Frozen entry point of the window (phieu-desktop.exe)."""

import sys

from phieu_desktop.__main__ import main

sys.exit(main())
