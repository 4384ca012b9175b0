#!/usr/bin/env python
"""An atheris fuzz target for the loader, the validator and the formatter.

Not a test module (pytest does not collect it, and the default test run does not
need atheris). Run it with ``tests/fuzz/run.sh`` (see ``tests/fuzz/README.md``),
or directly with libFuzzer's flags::

    python tests/fuzz/fuzz_validate.py -max_total_time=60 -timeout=10 \\
        -rss_limit_mb=2048 -dict=tests/fuzz/yaml.dict NEW_CORPUS tests/fuzz/corpus

Each input is checked by :func:`fuzz_rule.check_input`: any exception is a crash.
To look past a crash already known, name its exception classes in the environment
variable ``CHRONOLOGY_FUZZ_IGNORE`` (comma-separated, e.g. ``FormatError``; base
classes count, so ``YAMLError`` names all of ruamel.yaml's errors): those
exceptions are then not crashes (libFuzzer's ``-fork`` mode, which would carry on
after a crash, does not work with atheris).
"""

from __future__ import annotations

import os
import sys

import atheris  # type: ignore[import-untyped, import-not-found, unused-ignore]

with atheris.instrument_imports(include=["chronology", "ruamel", "yaml", "fuzz_rule"]):
    # check_bytes imports these lazily: import them here so that they are instrumented.
    import fuzz_rule

    import chronology.checks
    import chronology.formatting
    import chronology.heuristics
    import chronology.schemacheck
    import chronology.validate
    import chronology.yamlio  # noqa: F401


IGNORED = frozenset(filter(None, os.environ.get("CHRONOLOGY_FUZZ_IGNORE", "").split(",")))


def test_one_input(data: bytes) -> None:
    """The fuzz target: the rule of :func:`fuzz_rule.check_input` for one input."""
    try:
        fuzz_rule.check_input(data)
    except Exception as exc:
        if not IGNORED.intersection(c.__name__ for c in type(exc).__mro__):
            raise


def main() -> None:
    """Run libFuzzer with the command-line flags."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
