"""Step 1, Chuẩn bị: the Prepare wizard (regime, organisation, summoned, committee, papers and persons)."""

from __future__ import annotations

from .pyside_fix import install as _install_pyside_fix
from .wizard import PrepareWizard

_install_pyside_fix()  # PySide6 6.12.0 loses a reference to True on every Signal.emit() (see pyside_fix)

__all__ = ["PrepareWizard"]
