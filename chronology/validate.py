"""Checking a data file completely: YAML, structure and meaning.

:func:`check_file` returns a :class:`Report` that holds every problem as a
value; :func:`validate` returns just the problems; :func:`load` returns the
chronology or raises one :class:`~chronology.errors.InvalidChronologyError`
that carries them all.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import attrs

from .chronology import Chronology
from .errors import InvalidChronologyError
from .fileio import read_regular_file
from .limits import DEFAULT_LIMITS, Limits
from .problems import Problem, Severity
from .resources import bundled_path

__all__ = ["Report", "check_bytes", "check_file", "load", "validate"]


@attrs.frozen
class Report:
    """What checking one file found."""

    path: str
    problems: tuple[Problem, ...]
    data: Any = attrs.field(default=None, repr=False, eq=False)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that make the file invalid."""
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems that deserve a look but do not make the file invalid."""
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def valid(self) -> bool:
        """Whether the file has no errors."""
        return not self.errors

    def strict(self) -> Report:
        """The same report with every warning made an error (the codes unchanged).

        >>> warning = Problem("f.yaml", 1, 1, "W004", "no archived copy", severity=Severity.WARNING)
        >>> Report("f.yaml", (warning,)).valid, Report("f.yaml", (warning,)).strict().valid
        (True, False)
        """
        problems = tuple(attrs.evolve(p, severity=Severity.ERROR) for p in self.problems)
        return attrs.evolve(self, problems=problems)

    def count(self, key: str) -> int:
        """How many records of ``key`` (``"events"``, ``"sources"``) the file holds."""
        items = self.data.get(key) if isinstance(self.data, dict) else None
        return len(items) if isinstance(items, list) else 0


def check_bytes(
    data: bytes, path: str, base: Path | None = None, limits: Limits = DEFAULT_LIMITS
) -> Report:
    """Check the contents of a data file named ``path``.

    ``base`` is the folder that sources' ``file`` paths are relative to;
    ``None`` skips checking source files and quotes.
    """
    # Imported here, not with the package: `import chronology` stays light.
    from .checks import meaning_problems
    from .heuristics import warning_problems
    from .schemacheck import schema_problems
    from .yamlio import read_yaml

    root, problems = read_yaml(data, path, limits)
    if problems:
        return Report(path, tuple(problems))

    most = limits.max_problems
    found = (
        schema_problems(root, path, limit=most)
        + meaning_problems(root, path, base, limit=most)
        + warning_problems(root, path, limit=most)
    )
    found.sort(key=lambda p: (p.line, p.column, p.code))
    if len(found) >= most:  # a check stopped at the limit, or all of them together reach it
        stopped = Problem(
            path,
            1,
            1,
            "Y009",
            f"checking stopped after {most} problems; those found are listed",
            hint="fix them and check the file again",
        )
        found = [stopped, *found[:most]]
    return Report(path, tuple(found), root)


def check_file(
    path: str | os.PathLike[str], *, display: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Report:
    """Check one data file; raise :class:`OSError` when it cannot be read.

    ``display`` is how the path is shown in problems (by default as given).
    """
    file = Path(path)
    data = read_regular_file(file, limits.max_bytes)
    return check_bytes(data, display or os.fspath(path), file.parent, limits)


def validate(path: str | os.PathLike[str] | None = None) -> list[Problem]:
    """Every problem in a data file (the bundled chronology by default), as values.

    An empty list means the file is valid and has nothing to warn about. The
    bundled chronology has no errors, but warnings (such as sources without an
    archived copy):

    >>> problems = validate()
    >>> [p for p in problems if p.is_error], sorted({p.code for p in problems})
    ([], ['W004'])
    """
    return list(check_file(path if path is not None else bundled_path()).problems)


def load(path: str | os.PathLike[str] | None = None) -> Chronology:
    """Load a chronology, checked completely; the bundled one by default.

    Raises :class:`~chronology.errors.InvalidChronologyError` with every
    problem when the file has errors, and :class:`OSError` when it cannot be
    read.

    >>> c = load()
    >>> len(c) >= 35
    True
    """
    report = check_file(path if path is not None else bundled_path())
    if not report.valid:
        raise InvalidChronologyError(report.errors)
    return Chronology.from_data(report.data)
