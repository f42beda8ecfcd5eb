"""Input from outside the program: lists of persons read from .xlsx/.csv (column mapping, row checks)."""
