"""``docs/query.md``: every example on the page runs, and prints what the page shows.

The documentation's doctest build runs these examples too (docs/_ext/runnable_examples.py
makes every ``pycon`` block of the pages a doctest). This test is not redundant with it:
it runs in the plain test suite, without Sphinx, and runs the page as a reader pastes it,
without the doctest build's global setup (which imports chronology's public names first),
so it also holds that the page imports everything it uses.
"""

from __future__ import annotations

import doctest
from pathlib import Path

DOC = Path(__file__).parents[1] / "docs" / "query.md"


def test_query_page_examples_hold() -> None:
    """The query guide's examples run against the bundled chronology as written."""
    result = doctest.testfile(str(DOC), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert (0, True) == (result.failed, result.attempted > 10)
