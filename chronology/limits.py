"""Bounds on the work that reading one data file may ask for.

Kept apart from :mod:`chronology.yamlio`, so that naming them does not import the
YAML parser.
"""

from __future__ import annotations

import attrs

__all__ = ["DEFAULT_LIMITS", "Limits"]


@attrs.frozen
class Limits:
    """Bounds on the work one file may ask for."""

    max_bytes: int = 256 * 1024 * 1024
    max_depth: int = 32
    max_string: int = 1024 * 1024
    max_number_digits: int = 100
    #: Values of one file (each list, mapping, key and scalar counts one): reading stops
    #: past this many, so that memory stays bounded however small the values. About
    #: twice what 256 MiB of events like the bundled ones hold (a value for every 23
    #: bytes or so: 11.5 million).
    max_nodes: int = 20_000_000
    #: Checking stops once this many problems are found in one file: enough to work
    #: on, and a file of millions of broken items costs no more than that.
    max_problems: int = 10_000


DEFAULT_LIMITS = Limits()
