"""The session file (.phieu): one SQLite file, handled only here."""

from .session_file import FileBusy, FileRefused, SessionFile, VerifyReport

__all__ = ["FileBusy", "FileRefused", "SessionFile", "VerifyReport"]
