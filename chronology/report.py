"""Reporters: how the problems of checked files are printed, chosen by name."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from .validate import Report

__all__ = ["REPORTERS", "Unreadable", "json_report", "text_report"]

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
    if not errors and not warnings:
        if len(reports) == 1:
            return f"{reports[0].path}: valid, {what}"
        return f"{_plural(len(reports), 'file')} valid, {what}"
    flagged = sum(1 for r in reports if r.problems)
    return (
        f"Found {_plural(errors, 'error')} and {_plural(warnings, 'warning')} "
        f"in {flagged} of {_plural(len(reports), 'file')}"
    )


def text_report(reports: Sequence[Report], unreadable: Sequence[Unreadable]) -> tuple[str, str]:
    """``PATH:LINE:COL: CODE message`` lines and a one-line summary.

    Returns what goes to standard output and what goes to standard error.
    """
    lines = [str(problem) for report in reports for problem in report.problems]
    if reports:
        lines.append(_summary(reports))
    errors = [f"chronology validate: cannot read {path}: {why}" for path, why in unreadable]
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
}
