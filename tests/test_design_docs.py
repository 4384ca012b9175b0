"""``docs/design.md``: each ``chronology validate`` example prints what the page shows.

The page's ``console`` blocks run ``chronology validate example.yaml``, where
``example.yaml`` is the ``yaml`` block just above, laid out as docs/problems.md's
examples are (beside ``seeds/fox.txt``).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from test_problem_docs import FENCE, Example, validate_example

from conftest import Run

DOC = Path(__file__).parents[1] / "docs" / "design.md"


def _examples() -> list[tuple[str, str]]:
    """Each ``console`` block of the page, with the ``yaml`` block just before it."""
    fences = list(FENCE.finditer(DOC.read_text(encoding="utf-8")))
    return [
        (before["body"], fence["body"])
        for before, fence in itertools.pairwise(fences)
        if fence["info"].strip() == "console" and before["info"].strip() == "yaml"
    ]


def test_the_page_has_its_examples() -> None:
    """The examples below are found: a change to the page's fences cannot hide them."""
    assert 2 == len(_examples())


@pytest.mark.parametrize("number", range(len(_examples())))
def test_the_console_example_is_what_validate_prints(number: int, run: Run, tmp_path: Path) -> None:
    """The page's output, command line and all, is what the tool prints for its file."""
    data, console = _examples()[number]
    command, *shown = console.splitlines()
    assert "$ chronology validate example.yaml" == command
    assert (1, shown) == validate_example(run, Example("yaml", data, None), tmp_path)
