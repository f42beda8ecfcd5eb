"""User-facing strings, written in Vietnamese and wrapped for translation.

The standard `gettext.gettext` searches the disk for a catalogue on every call (a millisecond each); this module
looks once. `install()` swaps in a catalogue (e.g. from resources/translations) for the whole program.
"""

from __future__ import annotations

import gettext

_catalogue: gettext.NullTranslations = gettext.NullTranslations()


def install(catalogue: gettext.NullTranslations) -> None:
    global _catalogue
    _catalogue = catalogue


def _(message: str) -> str:
    return _catalogue.gettext(message)


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark a string for translation where it is defined (a module-level table); translate it with `_` when shown."""
    return message
