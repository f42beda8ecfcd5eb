"""Step 1, Chuẩn bị: the Prepare wizard (regime, organisation, summoned, committee, papers and persons)."""

from __future__ import annotations

from .wizard import PrepareWizard

__all__ = ["PrepareWizard"]
