"""What a plain `pip install .` delivers: the data inside the wheel, a light import."""

from __future__ import annotations

import importlib
import inspect
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import chronology

from conftest import PUBLIC_MODULES, REPO

#: The files at the repository root that the wheel must carry, byte for byte.
SHIPPED = [
    "events.yaml",
    *sorted(p.relative_to(REPO).as_posix() for p in (REPO / "schema").rglob("*") if p.is_file()),
    *sorted(p.relative_to(REPO).as_posix() for p in (REPO / "seeds").rglob("*") if p.is_file()),
]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from this checkout, the way `pip install .` builds it."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("chronology-*.whl")
    return built


def test_wheel_carries_byte_identical_copies_of_the_root_data(wheel: Path) -> None:
    """events.yaml, schema/ and seeds/ ship in the wheel, identical to the root files."""
    with zipfile.ZipFile(wheel) as archive:
        packaged = {
            name.removeprefix("chronology/data/"): archive.read(name)
            for name in archive.namelist()
            if name.startswith("chronology/data/")
        }
    assert SHIPPED == sorted(packaged)
    assert {name: (REPO / name).read_bytes() for name in SHIPPED} == packaged


def test_wheel_is_typed(wheel: Path) -> None:
    """The wheel carries py.typed so users' type checkers read the annotations."""
    with zipfile.ZipFile(wheel) as archive:
        assert "chronology/py.typed" in archive.namelist()


def test_installed_data_is_the_root_data() -> None:
    """The data the installed package loads is byte-identical to the repository's."""
    data_dir = chronology.bundled_path().parent
    assert {name: (REPO / name).read_bytes() for name in SHIPPED} == {
        name: (data_dir / name).read_bytes() for name in SHIPPED
    }


def test_import_is_light() -> None:
    """`import chronology` loads none of the heavy libraries: not matplotlib, the
    validators, the YAML readers, nor the modules that check a file (all of them are
    imported when a file is read, checked or drawn), so that the import stays well
    within its budget of 100 ms (benchmarks/startup.py measures it)."""
    heavy = (
        "matplotlib",
        "jsonschema",
        "jsonschema_rs",
        "yaml",
        "ruamel",
        "chronology.checks",
        "chronology.heuristics",
        "chronology.yamlio",
    )
    code = f"import sys, chronology; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/"
    )
    assert "[]\n" == result.stdout


def test_every_public_name_shows_an_example() -> None:
    """Every public function and class, of the package and of its public modules, has an
    example in its docstring (run as a doctest by tests/test_doctests.py and by the
    site's doctest build), so the API reference shows how each is used, and the example
    cannot rot."""
    without = []
    for module in map(importlib.import_module, PUBLIC_MODULES):
        for name in module.__all__:
            value = getattr(module, name)
            if (inspect.isclass(value) or inspect.isfunction(value)) and ">>>" not in (
                value.__doc__ or ""
            ):
                without.append(f"{module.__name__}.{name}")
    assert [] == without


def test_the_api_reference_shows_every_public_name() -> None:
    """docs/api.md documents each public name of each public module, and no other
    name of those modules: the reference is the whole public API and only it."""
    text = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\.\. auto\w+:: (chronology[\w.]*)$", text, re.MULTILINE))
    expected = {"chronology.__version__", *PUBLIC_MODULES} | {
        f"{module}.{name}"
        for module in PUBLIC_MODULES
        for name in importlib.import_module(module).__all__
        if name != "__version__"
    }
    assert expected == documented


def test_public_api_is_explicit() -> None:
    """Every name in chronology.__all__ exists and has a docstring."""
    missing = [
        name
        for name in chronology.__all__
        if name != "__version__" and not getattr(getattr(chronology, name), "__doc__", None)
    ]
    assert [] == missing
