"""``docs/design.md``: each ``chronology validate`` example prints what the page shows.

The page's ``console`` blocks run ``chronology validate example.yaml``, where
``example.yaml`` is the ``yaml`` block just above, in a folder that also holds
``seeds/fox.txt`` (as on docs/problems.md).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from conftest import Run

DOC = Path(__file__).parents[1] / "docs" / "design.md"
FOX_TEXT = "The quick brown fox jumps over the lazy dog.\n"
_FENCE = re.compile(r"^```(?P<info>[^`\n]*)\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def _examples() -> list[tuple[str, str]]:
    """Each ``console`` block of the page, with the ``yaml`` block just before it."""
    fences = list(_FENCE.finditer(DOC.read_text(encoding="utf-8")))
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
    (tmp_path / "example.yaml").write_text(data, encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "fox.txt").write_text(FOX_TEXT, encoding="utf-8")
    command, *shown = console.splitlines()
    assert "$ chronology validate example.yaml" == command
    result = run("validate", "example.yaml", cwd=tmp_path)
    assert (shown, 1) == ((result.stdout + result.stderr).splitlines(), result.returncode)
