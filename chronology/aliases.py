"""Names spelled many ways: folding text for matching, and the ``aliases`` of a chronology.

The sources spell one thing several ways: Zhusan and Zhushan, Tokayev and Tokaev,
Nur-Sultan and Astana. A data file's optional ``aliases`` section maps a canonical
name to its variants; queries by actor, place and text then match every spelling.

Matching works on *words*: :func:`words` folds a text (case and diacritics are
ignored, so ``Tokaev`` = ``tokaev`` and ``Qaraǵandy`` = ``Qaragandy``) and splits it
into runs of letters and digits (so ``Nur-Sultan`` = ``Nur Sultan``).

>>> words("Kassym-Jomart Tokayev")
('kassym', 'jomart', 'tokayev')
>>> aliases = Aliases.from_dict({"Kassym-Jomart Tokayev": ["Tokayev", "Tokaev"]})
>>> aliases.canonical("TOKAEV")
'Kassym-Jomart Tokayev'
>>> aliases.matches("Tokaev", "President Kassym-Jomart Tokayev")
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

__all__ = ["Aliases", "contains", "fold", "words"]

_WORD = re.compile(r"[^\W_]+")  # runs of letters and digits: \w without the underscore

#: The folded words of a text.
Words = tuple[str, ...]


def fold(text: str) -> str:
    """``text`` without case or diacritics, for comparing names.

    >>> fold("Qaraǵandy ÉTÉ Straße")
    'qaragandy ete strasse'
    """
    if text.isascii():  # no diacritics, and casefold() is lower() (most text: a shortcut)
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join([c for c in decomposed if not unicodedata.combining(c)])
    return unicodedata.normalize("NFKC", bare.casefold())


def words(text: str) -> Words:
    """The folded words of ``text``: its runs of letters and digits.

    >>> words("Al-Hol camp (Syria)")
    ('al', 'hol', 'camp', 'syria')
    """
    return tuple(_WORD.findall(fold(text)))


def contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    """Whether the words ``needle`` occur together, in order, in ``haystack``.

    >>> contains(words("Kassym-Jomart Tokayev"), words("Jomart Tokayev"))
    True
    >>> contains(words("Kassym-Jomart Tokayev"), words("Tokayev Kassym"))
    False
    """
    size = len(needle)
    if not size:
        return False
    first = needle[0]
    return any(
        haystack[i] == first and tuple(haystack[i : i + size]) == tuple(needle)
        for i in range(len(haystack) - size + 1)
    )


def _group_word(index: int) -> str:
    # Contains '#', which no folded word does: it cannot collide with real text.
    return f"#{index}"


@attrs.frozen(eq=False)
class Aliases:
    """Canonical names and their variants, as the ``aliases`` section of a data file.

    Two Aliases are equal when they map the same names to the same variants.

    >>> a = Aliases.from_dict({"Astana": ["Nur-Sultan", "Нур-Султан"]})
    >>> a.canonical("nur sultan"), a.canonical("Astana"), a.canonical("Almaty")
    ('Astana', 'Astana', None)
    >>> a.variants("Astana")
    ('Nur-Sultan', 'Нур-Султан')
    """

    #: Each canonical name and its variants, in file order.
    names: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    _groups: dict[Words, int] = attrs.field(init=False, repr=False)
    _canonicals: tuple[str, ...] = attrs.field(init=False, repr=False)
    _longest: int = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        names = {str(k): tuple(str(v) for v in vs) for k, vs in self.names.items()}
        object.__setattr__(self, "names", names)
        groups: dict[Words, int] = {}
        for index, (canonical, variants) in enumerate(names.items()):
            for name in (canonical, *variants):
                key = words(name)
                if key:
                    groups.setdefault(key, index)  # the first listing wins, as validate reports
        object.__setattr__(self, "_groups", groups)
        object.__setattr__(self, "_canonicals", tuple(names))
        object.__setattr__(self, "_longest", max((len(k) for k in groups), default=0))

    @classmethod
    def from_dict(cls, data: Mapping[str, Iterable[str]] | None) -> Aliases:
        """Build the aliases from the ``aliases`` section of a *validated* data file."""
        return cls({k: tuple(v) for k, v in (data or {}).items()})

    def to_dict(self) -> dict[str, list[str]]:
        """The aliases as the ``aliases`` section of a data file."""
        return {k: list(v) for k, v in self.names.items()}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Aliases):
            return NotImplemented
        return dict(self.names) == dict(other.names)

    __hash__ = None  # type: ignore[assignment]

    def __bool__(self) -> bool:
        return bool(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def canonical(self, name: str) -> str | None:
        """The canonical name that ``name`` spells (itself if canonical), or ``None``."""
        index = self._groups.get(words(name))
        return None if index is None else self._canonicals[index]

    def variants(self, canonical: str) -> tuple[str, ...]:
        """The variants listed for ``canonical`` (empty when it has none)."""
        return self.names.get(canonical, ())

    def spellings(self, name: str) -> tuple[str, ...]:
        """Every way of writing what ``name`` means: the canonical name first.

        >>> Aliases.from_dict({"ISIL": ["ISIS", "Islamic State"]}).spellings("isis")
        ('ISIL', 'ISIS', 'Islamic State')
        >>> Aliases().spellings("Almaty")
        ('Almaty',)
        """
        canonical = self.canonical(name)
        if canonical is None:
            return (name,)
        return (canonical, *self.names[canonical])

    def canonicalise(self, text_words: Sequence[str]) -> Words:
        """``text_words`` with every spelling of an alias replaced by one group word.

        The longest spelling wins where several start at the same word, so
        "Islamic State of Iraq" is one name when both it and "Islamic State" are listed.
        """
        if not self._groups:
            return tuple(text_words)
        out: list[str] = []
        i, n = 0, len(text_words)
        while i < n:
            for size in range(min(self._longest, n - i), 0, -1):
                index = self._groups.get(tuple(text_words[i : i + size]))
                if index is not None:
                    out.append(_group_word(index))
                    i += size
                    break
            else:
                out.append(text_words[i])
                i += 1
        return tuple(out)

    def forms(self, text: str) -> tuple[Words, ...]:
        """The word sequences ``text`` is matched by: as written and canonicalised."""
        plain = words(text)
        canonical = self.canonicalise(plain)
        return (plain,) if canonical == plain else (plain, canonical)

    def matches(self, query: str, name: str) -> bool:
        """Whether the words of ``query``, in any spelling, occur in order in ``name``.

        >>> a = Aliases.from_dict({"Zhusan": ["Zhushan", "Жусан"]})
        >>> a.matches("Жусан", "Operation Zhushan"), a.matches("Zhusan", "Rusafa")
        (True, False)
        """
        return any(contains(h, q) for h in self.forms(name) for q in self.forms(query))
