"""Problems found in a data file, as values, and the stable codes that name them.

Validation never stops at the first problem: it collects :class:`Problem` values
and lets a reporter print them.

>>> p = Problem("events.yaml", 12, 5, "S003", "unknown field 'titel'", hint="did you mean 'title'?")
>>> str(p)
"events.yaml:12:5: S003 unknown field 'titel' (did you mean 'title'?)"

A warning says so after its code:

>>> str(Problem("events.yaml", 3, 9, "W003", "the quote is short", severity=Severity.WARNING))
'events.yaml:3:9: W003 warning: the quote is short'
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

__all__ = ["CODES", "WARNING_CODES", "Problem", "Severity"]


class Severity(str, enum.Enum):
    """Whether a problem makes the file invalid (error) or only deserves a look.

    >>> Severity("warning"), Severity.ERROR.value
    (<Severity.WARNING: 'warning'>, 'error')
    """

    ERROR = "error"
    WARNING = "warning"


#: Every problem code with a one-line description. Codes are stable: a code is
#: never reused for a different problem. ``docs/problems.md`` documents each one.
CODES: dict[str, str] = {
    # Reading the file
    "Y001": "the file is not UTF-8 text with LF or CRLF line ends",
    "Y002": "a control character, or a line separator YAML readers disagree on",
    "Y003": "YAML syntax error",
    "Y004": "a YAML tag is not allowed",
    "Y005": "YAML anchors and aliases are not allowed",
    "Y006": "more than one YAML document",
    "Y007": "duplicate key in a mapping",
    "Y008": "a mapping key is not a string",
    "Y009": "a size limit is exceeded (file size, nesting depth, string or number length)",
    "Y010": "the file holds no data",
    # Structure (what the JSON Schema expresses)
    "S001": "a value has the wrong type",
    "S002": "a required field is missing",
    "S003": "unknown field",
    "S004": "a value does not have the expected form",
    "S005": "a text or list is too long or too short",
    "S006": "a number is out of range",
    "S007": "a list repeats an item",
    # Dates
    "D001": "not a date of the data format",
    "D002": "a date that is not on the calendar",
    "D003": "an interval that ends before it starts",
    # References between records
    "R001": "duplicate id",
    "R002": "a citation names a source that does not exist",
    "R003": "a related event that does not exist",
    "R004": "an event related to itself",
    "R005": "a category that is not declared in `categories`",
    # Aliases
    "A001": "an actor or place is named by a variant, not its canonical name (warning)",
    "A002": "an alias is listed twice, ignoring case and accents",
    "A003": "an alias has no letter or digit to match",
    # Figures
    "F001": "a figure's range is out of order",
    # Source files and quotes
    "Q001": "a source's file cannot be read",
    "Q002": "a source's file is outside the data file's folder",
    "Q003": "a quote is not found in its source's text",
    # Warnings: valid data that deserves a second look
    "W001": "two events that are likely duplicates: dates that may overlap, and similar "
    "titles or the same quote (warning)",
    "W002": "a date in the future (warning)",
    "W003": "a suspiciously short quote (warning)",
    "W004": "a source without an archived copy (`archived_url`) (warning)",
}


#: The codes that are warnings: reported, but the file stays valid (exit status 0).
WARNING_CODES: frozenset[str] = frozenset({"A001", "W001", "W002", "W003", "W004"})


@attrs.frozen
class Problem:
    """One problem at one place in one file.

    >>> problem = Problem("events.yaml", 12, 5, "S003", "unknown field 'titel'",
    ...                   hint="did you mean 'title'?")
    >>> print(problem)
    events.yaml:12:5: S003 unknown field 'titel' (did you mean 'title'?)
    >>> problem.is_error
    True
    """

    #: The file's path as the user gave it.
    path: str
    #: The line of the problem, 1-based.
    line: int
    #: The column of the problem, 1-based.
    column: int
    #: The stable code that names the problem, such as ``S003``.
    code: str
    #: What is wrong, in one line.
    message: str
    #: How to fix it, when there is something to suggest (``did you mean 'title'?``).
    hint: str | None = None
    #: Whether the problem makes the file invalid or only deserves a look.
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        """``PATH:LINE:COL: CODE message (hint)``; a warning's code is followed by ``warning:``."""
        label = "" if self.is_error else " warning:"
        text = f"{self.path}:{self.line}:{self.column}: {self.code}{label} {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    @property
    def is_error(self) -> bool:
        """Whether the problem makes the file invalid."""
        return self.severity is Severity.ERROR

    def to_dict(self) -> dict[str, Any]:
        """The problem as plain JSON-ready data."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
        }
