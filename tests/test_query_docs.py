"""``docs/query.md``: every example on the page runs, and prints what the page shows."""

from __future__ import annotations

import doctest
from pathlib import Path

DOC = Path(__file__).parents[1] / "docs" / "query.md"


def test_query_page_examples_hold() -> None:
    """The query guide's examples run against the bundled chronology as written."""
    result = doctest.testfile(str(DOC), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert (0, True) == (result.failed, result.attempted > 10)
