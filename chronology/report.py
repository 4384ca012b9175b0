"""Reporters: how the problems of checked files are printed, chosen by name.

>>> from .problems import Problem, Severity
>>> problem = Problem("a,b.yaml", 3, 9, "W003", "100% short", "quote more", Severity.WARNING)
>>> out, _ = github_report([Report("a,b.yaml", (problem,))], [])
>>> print(out, end="")
::warning file=a%2Cb.yaml,line=3,col=9,title=W003::100%25 short (quote more)
a,b.yaml: valid, 0 events from 0 sources, with 1 warning
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from .problems import Problem
from .terminal import visible
from .validate import Report

__all__ = [
    "REPORTERS",
    "Unreadable",
    "github_report",
    "json_report",
    "one_line",
    "problem_line",
    "text_report",
]

#: A path that could not be read, and why.
Unreadable = tuple[str, str]

FORMAT_VERSION = 1


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _summary(reports: Sequence[Report]) -> str:
    errors = sum(len(r.errors) for r in reports)
    warnings = sum(len(r.warnings) for r in reports)
    events = sum(r.count("events") for r in reports)
    sources = sum(r.count("sources") for r in reports)
    what = f"{_plural(events, 'event')} from {_plural(sources, 'source')}"
    if not errors:
        noted = f", with {_plural(warnings, 'warning')}" if warnings else ""
        if len(reports) == 1:
            return f"{reports[0].path}: valid, {what}{noted}"
        return f"{_plural(len(reports), 'file')} valid, {what}{noted}"
    flagged = sum(1 for r in reports if r.problems)
    return (
        f"Found {_plural(errors, 'error')} and {_plural(warnings, 'warning')} "
        f"in {flagged} of {_plural(len(reports), 'file')}"
    )


def one_line(text: str) -> str:
    """``text`` with its control characters written as escapes (a tab is kept): data in a
    message (an id, a title) cannot break the line to forge a ``PATH:LINE:COL`` line,
    nor restyle or rewrite the terminal.

    >>> print(one_line("event 'a\\nb\\x1b[2J'"))
    event 'a\\nb\\x1b[2J'
    """
    return visible(text, keep="\t")


def problem_line(problem: Problem) -> str:
    """``PATH:LINE:COL: CODE message (hint)`` as exactly one safe line (see :func:`one_line`)."""
    return one_line(str(problem))


def _problem_text(problem: Problem) -> str:
    """The message and, in parentheses, the hint."""
    return f"{problem.message} ({problem.hint})" if problem.hint else problem.message


def escape_data(text: str) -> str:
    """``text`` as the message of a workflow command, escaped as the GitHub Actions toolkit
    escapes it (``%``, carriage return, line feed).

    >>> escape_data("100%\\nsure")
    '100%25%0Asure'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """``text`` as a property value of a workflow command: as :func:`escape_data`, and
    ``:`` and ``,`` too.

    >>> escape_property("C:/data, old.yaml")
    'C%3A/data%2C old.yaml'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(command: str, properties: dict[str, str | int], message: str) -> str:
    """``::COMMAND key=value,...::message``, escaped, as one line."""
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{command}{' ' + listed if listed else ''}::{escape_data(message)}"


def github_report(reports: Sequence[Report], unreadable: Sequence[Unreadable]) -> tuple[str, str]:
    """GitHub Actions workflow commands: an ``::error`` or ``::warning`` annotation per
    problem, shown on the file and line in a pull request, then the summary line.

    Everything goes to standard output, where the runner reads workflow commands.
    """
    lines = [
        workflow_command(
            problem.severity.value,
            {
                "file": problem.path,
                "line": problem.line,
                "col": problem.column,
                "title": problem.code,
            },
            _problem_text(problem),
        )
        for report in reports
        for problem in report.problems
    ]
    lines += [
        workflow_command("error", {"title": "chronology validate"}, f"cannot read {path}: {why}")
        for path, why in unreadable
    ]
    if reports:
        lines.append(_summary(reports))
    return "".join(f"{line}\n" for line in lines), ""


def text_report(reports: Sequence[Report], unreadable: Sequence[Unreadable]) -> tuple[str, str]:
    """``PATH:LINE:COL: CODE message`` lines (``CODE warning: message`` for a warning)
    and a one-line summary.

    Returns what goes to standard output and what goes to standard error.
    """
    lines = [problem_line(problem) for report in reports for problem in report.problems]
    if reports:
        lines.append(one_line(_summary(reports)))
    errors = [
        one_line(f"chronology validate: cannot read {path}: {why}") for path, why in unreadable
    ]
    return "".join(f"{line}\n" for line in lines), "".join(f"{line}\n" for line in errors)


def json_report(reports: Sequence[Report], unreadable: Sequence[Unreadable]) -> tuple[str, str]:
    """The same problems as one JSON document, for tools."""
    document = {
        "version": FORMAT_VERSION,
        "valid": not unreadable and all(r.valid for r in reports),
        "files": [
            {
                "path": r.path,
                "valid": r.valid,
                "events": r.count("events"),
                "sources": r.count("sources"),
            }
            for r in reports
        ],
        "unreadable": [{"path": path, "error": why} for path, why in unreadable],
        "problems": [p.to_dict() for r in reports for p in r.problems],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n", ""


REPORTERS: dict[str, Callable[[Sequence[Report], Sequence[Unreadable]], tuple[str, str]]] = {
    "text": text_report,
    "json": json_report,
    "github": github_report,
}
