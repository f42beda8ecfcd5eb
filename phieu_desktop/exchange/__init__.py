"""Sealed export to the higher level, and consolidation there (no Qt: the window and the CLI call these)."""
