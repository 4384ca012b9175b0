"""The fast path of the structure check gives the same verdicts and problems as jsonschema.

``schema_problems`` asks a compiled validator (jsonschema-rs) whether the file and
each record are valid, and has jsonschema explain only what failed;
``explained_problems`` has jsonschema explain the whole file. Any file on which
they differ would be a file whose problems depend on which path ran.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import json_values

from benchmarks.generate import generate
from chronology.resources import bundled_path
from chronology.schemacheck import explained_problems, schema_problems
from chronology.yamlio import read_yaml

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.yaml"))
PROPERTY = settings(
    max_examples=300,
    deadline=dt.timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow],
)


def _read_plain(data: bytes, name: str) -> Any:
    """The data as plain dicts and lists (no positions), so that it can be changed."""
    root, problems = read_yaml(data, name)
    assert [] == problems
    return json.loads(json.dumps(root))


def _corpus() -> list[tuple[str, Any]]:
    files = [(path.name, path.read_bytes()) for path in FIXTURES]
    files.append(("events.yaml", bundled_path().read_bytes()))
    for seed in range(3):
        generated = generate(200, seed=seed, errors=60 * seed)
        files.append((f"generated-{seed}", generated.events_yaml.encode("utf-8")))
    return [(name, root) for name, data in files if (root := read_yaml(data, name)[0]) is not None]


CORPUS = _corpus()


@pytest.mark.parametrize(("name", "root"), CORPUS, ids=[name for name, _ in CORPUS])
def test_corpus_gives_the_same_problems(name: str, root: Any) -> None:
    """Every fixture, the bundled data and generated files with scattered mistakes: the
    fast path reports exactly what jsonschema alone reports, in the same order."""
    assert explained_problems(root, name) == schema_problems(root, name)


def test_corpus_has_valid_and_invalid_files() -> None:
    """The corpus above tests both verdicts (it would prove little with one kind)."""
    verdicts = {bool(explained_problems(root, name)) for name, root in CORPUS}
    assert {False, True} == verdicts


BASE = _read_plain(
    b"""\
title: Test
categories:
  animals: {label: Animals}
aliases:
  Almaty: [Alma-Ata]
sources:
  - id: fox
    title: A sentence about a fox
    publisher: Example Press
    url: https://example.org/fox
    published: "2013-05"
    file: seeds/fox.txt
eras:
  - id: fox-era
    label: The fox years
    date: 2012/2014
    sources:
      - source: fox
        quote: The quick brown fox
events:
  - id: 2013-fox-jumps
    title: The fox jumps
    date: "2013"
    category: animals
    summary: A quick brown fox jumps over a lazy dog.
    tags: [fox, dog]
    actors: [The fox]
    related: [2014-fox-sleeps]
    places:
      - {name: Almaty, country: KZ, lat: 43.2, lon: 76.9}
    figures:
      - {what: foxes seen, value: 1, unit: foxes}
    sources:
      - source: fox
        quote: The quick brown fox jumps over the lazy dog.
  - id: 2014-fox-sleeps
    title: The fox sleeps
    date: 2014-05~
    category: animals
    summary: A fox sleeps.
    sources:
      - source: fox
        quote: A fox sleeps.
""",
    "base.yaml",
)

#: Values that sit on the edges of the rules and of the two validators' types.
EDGE_VALUES = st.sampled_from(
    [
        float("nan"),
        float("inf"),
        float("-inf"),
        1e308,
        -0.0,
        10**30,
        -(10**30),
        2.0,
        True,
        False,
        None,
        "",
        " ",
        "\u00a0",
        "\u3000",
        "x\n",
        "2013\n",
        "2013-02-30",
        "2013/..",
        "../..",
        "UK",
        "kz",
        "Fox-Jumps",
        "https://",
        "https://example.org/a b",
        "../seeds/x.txt",
        "C:x",
        "x" * 81,
        [],
        [1, 1],
        ["a", "a"],
        {},
        {"what": "x", "unit": "y", "low": 5, "high": 1},
    ]
)


def _positions(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``value`` (the root included)."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _positions(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _positions(item, (*path, index))
    return found


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    """The small valid document above with one to three values replaced, removed, or
    given a new key."""
    root = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_positions(root)))
        # A copy: the edge values are shared objects, and a mutation must not change
        # them for later examples, nor put a value inside itself.
        value = copy.deepcopy(draw(st.one_of(EDGE_VALUES, json_values())))
        if not path:
            root = value
            continue
        parent = root
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "remove":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["titel", "notes", "tags", "x", ""]))] = value
        else:
            parent[path[-1]] = value
    return root


@PROPERTY
@given(mutated_documents())
def test_mutated_documents_give_the_same_problems(root: Any) -> None:
    """Random breakage of every field (wrong types, edge numbers such as NaN and
    infinity, blank and over-long text, unknown and missing keys): the two paths agree."""
    assert explained_problems(root, "f.yaml") == schema_problems(root, "f.yaml")


def test_the_base_document_is_valid() -> None:
    """The document the mutations start from is valid, so they test breakage only."""
    assert ([], []) == (explained_problems(BASE, "base.yaml"), schema_problems(BASE, "base.yaml"))
