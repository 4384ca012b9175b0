"""The examples in the package's docstrings run as written, in every module that has any."""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil

import pytest

import chronology

from conftest import PUBLIC_MODULES


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


def _public_docstrings() -> list[tuple[str, object]]:
    """Each public module, and each public class and function of one, by dotted name."""
    found: list[tuple[str, object]] = []
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        found.append((module_name, module))
        found += [
            (f"{module_name}.{name}", value)
            for name in module.__all__
            if inspect.isclass(value := getattr(module, name)) or inspect.isfunction(value)
        ]
    return found


@pytest.mark.parametrize(
    ("name", "value"), [pytest.param(name, value, id=name) for name, value in _public_docstrings()]
)
def test_api_reference_examples_stand_alone(name: str, value: object) -> None:
    """A public docstring's examples run as a reader copies them from the API reference:
    with only ``import chronology`` and ``from chronology import *`` done first, in a
    fresh namespace, as the site's doctest build runs them (not with the globals of the
    module that defines them, which a reader does not have)."""
    setup: dict[str, object] = {}
    exec("import chronology\nfrom chronology import *", setup)
    finder = doctest.DocTestFinder(recurse=isinstance(value, type))
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in finder.find(value, name, globs=dict(setup)):
        runner.run(test)
    assert 0 == runner.summarize(verbose=False).failed
