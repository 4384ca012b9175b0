"""Checking quotes against the text of their sources.

A quote is verbatim, but typing it should not fail on invisible differences:
both the quote and the source text are normalised first (runs of whitespace,
curly and straight quotes, the many dashes and ``--``, the ellipsis character).

>>> text = "In October 2013, he appeared in a video \\u2014 sealing his fate."
>>> contains(text, 'he appeared in a video -- sealing')
True
>>> closest_passage(text, "he appeared in the video")
'he appeared in a video -'
"""

from __future__ import annotations

import difflib
import re

__all__ = ["closest_passage", "contains", "normalise"]

_SINGLE_QUOTES = re.compile("[\u2018\u2019\u201a\u201b\u2032\u00b4`]")
_DOUBLE_QUOTES = re.compile("[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]")
_DASHES = re.compile("[\u2010-\u2015\u2212-]+")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The form in which quotes and source texts are compared."""
    text = _SINGLE_QUOTES.sub("'", text)
    text = _DOUBLE_QUOTES.sub('"', text)
    text = _DASHES.sub("-", text)
    text = text.replace("\u2026", "...")
    return _SPACE.sub(" ", text).strip()


def contains(text: str, quote: str) -> bool:
    """Whether ``quote`` occurs in ``text`` once both are normalised."""
    return normalise(quote) in normalise(text)


def closest_passage(text: str, quote: str) -> str:
    """The passage of ``text`` (normalised) that best matches ``quote``.

    The passage is anchored on the longest stretch the two share, as long as the
    quote, and widened to whole words.
    """
    haystack = normalise(text)
    needle = normalise(quote)
    if not haystack or not needle:
        return ""
    matcher = difflib.SequenceMatcher(None, haystack, needle, autojunk=False)
    match = matcher.find_longest_match(0, len(haystack), 0, len(needle))
    start = max(0, match.a - match.b)
    end = min(len(haystack), start + len(needle))
    while start > 0 and haystack[start - 1] != " ":
        start -= 1
    while end < len(haystack) and haystack[end] != " ":
        end += 1
    return haystack[start:end].strip()
