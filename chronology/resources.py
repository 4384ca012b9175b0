"""Where the bundled chronology, its schema and its seed texts are.

In an installed package they are copies inside ``chronology/data/``, made when
the wheel is built; in a source checkout they are the files at the repository
root, which stay the single source of truth.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

__all__ = ["bundled_path", "data_dir", "schema", "schema_path"]

_PACKAGE = Path(__file__).resolve().parent
_SCHEMA = "schema/events.schema.json"


@functools.cache
def data_dir() -> Path:
    """The folder holding ``events.yaml``, ``schema/`` and ``seeds/``."""
    packaged = _PACKAGE / "data"
    if (packaged / _SCHEMA).is_file():
        return packaged
    checkout = _PACKAGE.parent
    if (checkout / _SCHEMA).is_file() and (checkout / "pyproject.toml").is_file():
        return checkout
    raise RuntimeError(
        f"chronology is not installed correctly: neither {packaged} nor {checkout} "
        f"holds {_SCHEMA}; reinstall the package"
    )


def bundled_path() -> Path:
    """The path of the bundled, curated ``events.yaml``.

    >>> bundled_path().name
    'events.yaml'
    """
    return data_dir() / "events.yaml"


def schema_path() -> Path:
    """The path of the JSON Schema of the data format."""
    return data_dir() / _SCHEMA


@functools.cache
def schema() -> dict[str, Any]:
    """The JSON Schema of the data format, parsed."""
    loaded: dict[str, Any] = json.loads(schema_path().read_text(encoding="utf-8"))
    return loaded
