"""File downloads of the reports: one CSV response for every table a teacher can take away."""

import csv
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

# A cell starting with one of these is a formula to Excel, WPS and LibreOffice (=, +, - and @
# start one; a tab or a carriage return before them hides it): a nickname such as
# =cmd|' /C calc'!A0 would run when the teacher opens the file. OWASP's "CSV Injection" list.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain number (-3, +2.5, 1e3, 80%), which is no formula and stays a number.
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")


def starts_formula(text: str) -> bool:
    """Whether a spreadsheet would read this text as a formula (numbers excepted)."""
    return text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text)


def spreadsheet_cell(value):
    """The cell as text a spreadsheet shows and never runs: a leading apostrophe before
    anything that starts like a formula. Numbers (and text that is a number) stay as they are."""
    if isinstance(value, str) and starts_formula(value):
        return "'" + value
    return value


def csv_response(filename: str, header: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    """A CSV attachment, UTF-8 with a byte-order mark so spreadsheet programs read the Chinese."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([spreadsheet_cell(cell) for cell in header])
    writer.writerows([spreadsheet_cell(cell) for cell in row] for row in rows)
    return response
