"""Shared fixtures: the repository root and the real ``chronology`` console script."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"

#: The public modules: the package, and the two imported on their own for what they need
#: (pandas, matplotlib). Their ``__all__`` is the public API that docs/api.md documents.
PUBLIC_MODULES = ("chronology", "chronology.exports", "chronology.render")

Run = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture(scope="session")
def chronology_script() -> str:
    """The ``chronology`` console script installed beside the running interpreter."""
    beside = Path(sys.executable).with_name("chronology")
    script = str(beside) if beside.is_file() else shutil.which("chronology")
    assert script is not None, "the 'chronology' console script is not installed: pip install ."
    return script


@pytest.fixture
def run(chronology_script: str) -> Run:
    """Run the real console script; return the completed process (text mode)."""

    def run(*args: str, cwd: Path | str = REPO) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [chronology_script, *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )

    return run
