"""Colours and type for drawn timelines: the ``light``, ``dark`` and ``print`` themes.

The palettes are Paul Tol's colour-blind safe schemes ("muted" on light
backgrounds, "light" on dark ones). A lane's colour depends only on its key, never
on which other lanes are drawn, so a category keeps its colour across runs,
filters and files: categories take the colour of their position in the data
file's ``categories:`` section; tags and countries a colour chosen by a stable
hash of their name.

>>> THEMES["light"].colour("conflict", position=1)
'#88CCEE'
>>> THEMES["light"].colour("KZ") == THEMES["light"].colour("KZ")
True
"""

from __future__ import annotations

import zlib

import attrs

__all__ = ["THEMES", "Theme"]

TOL_MUTED = (
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
)
TOL_LIGHT = (
    "#77AADD",
    "#99DDFF",
    "#44BB99",
    "#BBCC33",
    "#AAAA00",
    "#EEDD88",
    "#EE8866",
    "#FFAABB",
    "#DDDDDD",
)


@attrs.frozen
class Theme:
    """The colours and font sizes (in points) of one look."""

    name: str
    background: str
    foreground: str
    muted: str
    grid: str
    band: str | None
    era: str
    era_alpha: float
    palette: tuple[str, ...]
    title_size: float = 15.0
    subtitle_size: float = 9.5
    label_size: float = 7.0
    date_size: float = 6.5
    lane_size: float = 8.5
    tick_size: float = 8.0
    footer_size: float = 6.5

    def colour(self, key: str, position: int | None = None) -> str:
        """The colour of the lane ``key``: by ``position`` if given, else by a stable hash."""
        if position is None:
            position = zlib.crc32(key.encode("utf-8"))
        return self.palette[position % len(self.palette)]


THEMES: dict[str, Theme] = {
    "light": Theme(
        name="light",
        background="#FFFFFF",
        foreground="#1A1A1A",
        muted="#5C5C5C",
        grid="#DDDDDD",
        band="#F3F3F3",
        era="#B0B0B0",
        era_alpha=0.12,
        palette=TOL_MUTED,
    ),
    "dark": Theme(
        name="dark",
        background="#16181D",
        foreground="#ECECEC",
        muted="#A8A8A8",
        grid="#3A3D44",
        band="#1F2228",
        era="#8A8F99",
        era_alpha=0.12,
        palette=TOL_LIGHT,
    ),
    "print": Theme(
        name="print",
        background="#FFFFFF",
        foreground="#000000",
        muted="#333333",
        grid="#BBBBBB",
        band=None,
        era="#999999",
        era_alpha=0.18,
        palette=TOL_MUTED,
        title_size=14.0,
        label_size=7.5,
        date_size=7.0,
    ),
}
