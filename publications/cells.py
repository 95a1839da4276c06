"""Cells of the CSV exports: a spreadsheet must never run what a cell holds."""

# A spreadsheet reads a cell starting with one of these as a formula: such a cell gets a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: object) -> object:
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value
