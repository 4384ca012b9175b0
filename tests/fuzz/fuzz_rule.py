"""The rule the fuzz target checks, kept apart so that tests need not import atheris.

For any bytes, :func:`chronology.yamlio.read_yaml`,
:func:`chronology.validate.check_bytes` and :func:`chronology.formatting.format_bytes`
return normally, with every problem well formed: a :class:`~chronology.problems.Problem`
at line >= 1 and column >= 1 whose code is one of :data:`chronology.problems.CODES`.
The one exception allowed is :class:`~chronology.formatting.FormatError` from
``format_bytes``: its refusal to rewrite a file it cannot rewrite faithfully (the
command prints it in one line and leaves the file alone). What ``format_bytes``
formats, it formats for good: formatting the result again changes nothing. Any other
exception is a crash.
"""

from __future__ import annotations

from collections.abc import Iterable

from chronology.formatting import FormatError, Formatted, format_bytes
from chronology.problems import CODES, Problem
from chronology.validate import Report, check_bytes
from chronology.yamlio import read_yaml

__all__ = ["PATH", "check_input", "check_problems"]

#: The path the inputs are named by in problems.
PATH = "fuzz.yaml"


def check_problems(problems: Iterable[object], where: str) -> None:
    """Fail with an :class:`AssertionError` unless every problem is well formed."""
    for problem in problems:
        assert isinstance(problem, Problem), f"{where}: not a Problem: {problem!r}"
        assert problem.path == PATH, f"{where}: wrong path: {problem!r}"
        assert isinstance(problem.line, int), f"{where}: line not an int: {problem!r}"
        assert isinstance(problem.column, int), f"{where}: column not an int: {problem!r}"
        assert problem.line >= 1, f"{where}: line < 1: {problem!r}"
        assert problem.column >= 1, f"{where}: column < 1: {problem!r}"
        assert problem.code in CODES, f"{where}: unknown code: {problem!r}"
        assert isinstance(problem.message, str), f"{where}: message not a str: {problem!r}"
        assert problem.message, f"{where}: empty message: {problem!r}"
        str(problem)  # the one-line rendering must not fail either


def check_input(data: bytes) -> None:
    """Check the rule for one input; raise on any violation (an exception is a crash)."""
    root, problems = read_yaml(data, PATH)
    assert isinstance(problems, list), f"read_yaml: problems not a list: {problems!r}"
    check_problems(problems, "read_yaml")
    assert (root is None) == bool(problems), "read_yaml: a root iff no problems"

    report = check_bytes(data, PATH, base=None)
    assert isinstance(report, Report), f"check_bytes: not a Report: {report!r}"
    check_problems(report.problems, "check_bytes")
    if problems:
        assert report.problems, "check_bytes: valid although read_yaml found problems"

    try:
        formatted = format_bytes(data, PATH)
    except FormatError:
        return  # a refusal, not a crash: the file is left as it was
    assert isinstance(formatted, Formatted), f"format_bytes: not a Formatted: {formatted!r}"
    check_problems(formatted.problems, "format_bytes")
    assert (formatted.formatted is None) == bool(formatted.problems), (
        "format_bytes: formatted text iff no problems"
    )
    if formatted.formatted is not None:
        again = format_bytes(formatted.formatted, PATH)
        assert again.formatted == formatted.formatted, "format_bytes: not idempotent"
