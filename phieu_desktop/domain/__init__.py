"""Pure rules of a confidence vote: no Qt, no SQL, no I/O beyond parsing text."""
