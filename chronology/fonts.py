"""Fonts for drawn timelines: glyph coverage and fast text widths.

Imported only when rendering (it imports matplotlib). Text is measured from the
fonts' advance widths, with a margin that covers hinting, because asking the
renderer costs about a millisecond per string and a large chronology has
thousands of labels. Tests check the margin against the drawn figure.

Characters that no font in the chain can draw are replaced by U+FFFD, and the
caller is told which, once, instead of one warning per glyph from matplotlib.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache

from matplotlib import ft2font
from matplotlib.font_manager import FontProperties, findfont

from .errors import ChronologyError

__all__ = ["DEFAULT_FONTS", "FontChain"]

DEFAULT_FONTS = ("DejaVu Sans",)
"""Bundled with matplotlib, so a render looks the same on every machine."""

REPLACEMENT = "\N{REPLACEMENT CHARACTER}"

# Measured over random Latin, Cyrillic and symbol strings at 6 to 12 pt and 72 to 300 dpi:
# the renderer's hinted width is at most 10.4 % wider than the advance sum.
_WIDTH_MARGIN = 1.12
_WIDTH_PAD_EM = 0.3


class _Face:
    """One font file: which characters it has, and their advance widths in ems."""

    def __init__(self, path: str) -> None:
        self.font = ft2font.FT2Font(path)
        self.charmap = frozenset(self.font.get_charmap())
        self.advances: dict[int, float] = {}

    def advance(self, codepoint: int) -> float:
        width = self.advances.get(codepoint)
        if width is None:
            glyph = self.font.load_glyph(
                self.font.get_char_index(codepoint), flags=ft2font.LoadFlags.NO_SCALE
            )
            width = self.advances[codepoint] = glyph.horiAdvance / self.font.units_per_EM
        return width


@cache
def _face(path: str) -> _Face:
    return _Face(path)


def _find(family: str, bold: bool) -> str:
    try:
        return findfont(
            FontProperties(family=[family], weight="bold" if bold else "normal"),
            fallback_to_default=False,
        )
    except ValueError:
        raise ChronologyError(f"font {family!r} is not installed") from None


class FontChain:
    """The fonts text is drawn in, first choice first, as matplotlib falls back through them."""

    def __init__(self, families: Sequence[str] = DEFAULT_FONTS, *, bold: bool = False) -> None:
        self.families = tuple(families)
        self.faces = tuple(_face(p) for p in dict.fromkeys(_find(f, bold) for f in families))
        self.missing: set[str] = set()

    def _face_for(self, codepoint: int) -> _Face | None:
        for face in self.faces:
            if codepoint in face.charmap:
                return face
        return None

    def clean(self, text: str) -> str:
        """``text`` as it can be drawn: invisible format characters dropped, and
        characters no font has replaced by U+FFFD (and remembered in :attr:`missing`)."""
        out = []
        for char in text:
            category = unicodedata.category(char)
            if category in ("Cf", "Cc", "Cs", "Co", "Cn"):
                continue
            if self._face_for(ord(char)) is None:
                self.missing.add(char)
                char = REPLACEMENT if self._face_for(ord(REPLACEMENT)) else "?"
            out.append(char)
        return "".join(out)

    def width(self, text: str, size: float) -> float:
        """An upper bound on the drawn width of cleaned ``text``, in points at ``size`` pt."""
        if not text:
            return 0.0
        ems = 0.0
        for char in text:
            face = self._face_for(ord(char))
            ems += face.advance(ord(char)) if face else 1.0
        return (ems * _WIDTH_MARGIN + _WIDTH_PAD_EM) * size
