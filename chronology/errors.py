"""The package's exceptions: one small hierarchy, each class also a builtin.

Callers who catch :class:`ValueError` keep working; callers who want only this
package's errors catch :class:`ChronologyError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .problems import Problem

__all__ = ["ChronologyError", "DateError", "InvalidChronologyError"]


class ChronologyError(ValueError):
    """Base class of every error this package raises on purpose.

    >>> issubclass(InvalidChronologyError, ChronologyError), issubclass(DateError, ValueError)
    (True, True)
    """


class DateError(ChronologyError):
    """A date string is not a valid date of the data format.

    ``code`` is the problem code that ``chronology validate`` reports for it:
    ``D001`` (not a date), ``D002`` (not on the calendar) or ``D003`` (an
    interval that ends before it starts).

    >>> from chronology import EventDate
    >>> try:
    ...     EventDate.parse("2019-02-30")
    ... except DateError as error:
    ...     print(error.code, error)
    D002 '2019-02-30' is not on the calendar: February 2019 has 28 days
    """

    def __init__(self, message: str, code: str = "D001") -> None:
        super().__init__(message)
        self.code = code


class InvalidChronologyError(ChronologyError):
    """A data file has problems; ``problems`` holds every one of them.

    >>> from chronology.problems import Problem
    >>> err = InvalidChronologyError([Problem("x.yaml", 1, 1, "Y010", "the file is empty")])
    >>> print(err)
    x.yaml:1:1: Y010 the file is empty
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
