"""The examples in the package's docstrings run as written, in every module that has any."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import chronology


def _with_examples() -> list[str]:
    names = []
    for _, name, _ in pkgutil.walk_packages(chronology.__path__, prefix="chronology."):
        if name == "chronology.__main__":
            continue
        tests = doctest.DocTestFinder().find(importlib.import_module(name))
        if any(test.examples for test in tests):
            names.append(name)
    return sorted(names)


MODULES = _with_examples()


def test_the_documented_modules_are_found() -> None:
    """The modules whose examples users read first are among those run here."""
    assert {"chronology.dates", "chronology.formatting", "chronology.scaffold"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_module_examples(name: str) -> None:
    """Every example in the module's docstrings gives the output shown beside it."""
    failed, attempted = doctest.testmod(importlib.import_module(name))
    assert (0, True) == (failed, attempted > 0)
