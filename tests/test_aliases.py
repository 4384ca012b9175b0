"""Names spelled many ways: folding, alias groups, the bundled aliases and their checks.

The folding properties compare :func:`~chronology.aliases.words` and
:func:`~chronology.aliases.contains` against what must hold for any text, and against
a naive reference written here. The validation tests check whole data files through
:func:`~chronology.validate.check_bytes`, so that codes, severities, lines and columns
are the ones users see.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from strategies import json_values

import chronology
from chronology.aliases import Aliases, contains, fold, words
from chronology.problems import CODES, Severity
from chronology.validate import Report, check_bytes

from conftest import Run

# --- strategies ----------------------------------------------------------------------

#: Letters whose upper and lower case are one letter each, so that ``upper()``,
#: ``lower()`` and ``swapcase()`` of a name are spellings of the same name: Latin with
#: and without accents, Russian Cyrillic (а to я) and the Kazakh letters (қ, ұ, ң, ә,
#: ө, straight u, і). No Latin "x": the words "prefix" and "suffix" that the tests put
#: around names can then never be a generated word.
LETTERS = (
    "abcdefghijklmnopqrstuvwyz\u00e9\u01f5\u00fc\u00e7"
    + "".join(map(chr, range(0x430, 0x450)))
    + "\u049b\u04b1\u04a3\u04d9\u04e9\u04af\u0456"
)

#: What may stand between words: none of it is a letter or a digit.
SEPARATORS = (" ", "-", "  ", " - ", ", ", "/", ".", "(", ") ", "'", "\u2014", "\t", "\u00a0")

#: Combining accents that fold removes: acute, grave, circumflex, diaeresis, caron,
#: cedilla, ogonek, breve.
ACCENTS = "\u0301\u0300\u0302\u0308\u030c\u0327\u0328\u0306"


def name_words() -> st.SearchStrategy[str]:
    """One word of a name: letters of :data:`LETTERS` in mixed case."""
    letter = st.sampled_from(LETTERS + LETTERS.upper())
    return st.text(letter, min_size=1, max_size=6)


@st.composite
def names(draw: st.DrawFn, max_words: int = 3) -> str:
    """A name of one to ``max_words`` words joined by separators."""
    parts = draw(st.lists(name_words(), min_size=1, max_size=max_words))
    text = parts[0]
    for part in parts[1:]:
        text += draw(st.sampled_from(SEPARATORS)) + part
    return text


@st.composite
def alias_maps(draw: st.DrawFn) -> dict[str, list[str]]:
    """Canonical names and their variants, every spelling distinct once folded."""
    groups = draw(
        st.dictionaries(names(), st.lists(names(), min_size=1, max_size=3), min_size=1, max_size=4)
    )
    spellings = [words(name) for k, vs in groups.items() for name in (k, *vs)]
    assume(len(set(spellings)) == len(spellings))
    return groups


def _case_safe(c: str) -> bool:
    """Whether upper-casing ``c`` keeps it the same letter once folded.

    Two kinds of letter do not: the dotless i (U+0131), whose upper case is the Latin
    "I" (which folds to a dotted "i"), and the Greek iota subscript (U+0345, alone or
    in a letter such as "ᾳ"), an accent that folding drops but whose upper case is the
    capital letter iota.
    """
    return c != "\u0131" and "\u0345" not in unicodedata.normalize("NFD", c)


# --- folding ---------------------------------------------------------------------------


@given(st.text(st.characters(max_codepoint=0x7F)))
def test_ascii_folds_as_any_text(text: str) -> None:
    """ASCII text takes a shortcut (lower case); it gives what the full folding does:
    decompose, drop the combining marks, casefold, recompose."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    assert unicodedata.normalize("NFKC", bare.casefold()) == fold(text)


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    """Folding folded text changes nothing: a folded name is its own key."""
    assert fold(text) == fold(fold(text))


@given(st.text())
def test_words_of_folded_text_are_the_words_of_the_text(text: str) -> None:
    """``words`` folds first, so folding beforehand makes no difference."""
    assert words(text) == words(fold(text))


@given(st.text())
def test_words_ignore_lower_case(text: str) -> None:
    """Lower-casing any text, in any script, leaves its words unchanged."""
    assert words(text) == words(text.lower())


@given(st.text(st.characters().filter(_case_safe)))
def test_words_ignore_upper_case(text: str) -> None:
    """Upper-casing text leaves its words unchanged, even where a letter becomes two ("ß")."""
    assert words(text) == words(text.upper())


@given(names())
def test_words_of_a_name_ignore_any_case(name: str) -> None:
    """A name in upper, lower, swapped or title case has the same words."""
    expected = words(name)
    assert [expected] * 4 == [
        words(name.upper()),
        words(name.lower()),
        words(name.swapcase()),
        words(name.title()),
    ]


@given(
    st.lists(
        st.tuples(
            st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ -"),
            st.text(st.sampled_from(ACCENTS), max_size=2),
        ),
        max_size=20,
    )
)
def test_words_ignore_accents_on_latin_letters(letters: list[tuple[str, str]]) -> None:
    """Accents on Latin letters, decomposed or composed, do not change the words."""
    plain = "".join(letter for letter, _ in letters)
    accented = "".join(letter + accents for letter, accents in letters)
    composed = unicodedata.normalize("NFC", accented)
    assert [words(plain)] * 2 == [words(accented), words(composed)]


@given(
    st.lists(st.text(st.sampled_from(LETTERS + "0123456789"), min_size=1, max_size=6), max_size=5),
    st.data(),
)
def test_words_are_split_at_any_separator(parts: list[str], data: st.DataObject) -> None:
    """Hyphens, spaces, runs of spaces and punctuation between words all split the same way.

    Separators before the first and after the last word give no empty words either.
    """
    separators = st.lists(st.sampled_from(SEPARATORS), min_size=1, max_size=3).map("".join)
    text = data.draw(st.one_of(st.just(""), separators))
    for part in parts:
        text += part + data.draw(separators)
    assert tuple(fold(part) for part in parts) == words(text)


def test_words_examples() -> None:
    """The spellings the docs promise are one: hyphen or space, case, Latin accents."""
    assert [("nur", "sultan")] * 4 == [
        words("Nur-Sultan"),
        words("nur sultan"),
        words("NUR  -  SULTAN"),
        words("(Nur-Sultan)"),
    ]
    assert words("Qaragandy") == words("Qaraǵandy")
    assert ("strasse",) == words("Straße")


def test_underscore_separates_words() -> None:
    """An underscore is not a letter or digit, so it separates words like a hyphen does."""
    assert words("Nur-Sultan") == words("Nur_Sultan")


def _naive_contains(haystack: list[str], needle: list[str]) -> bool:
    """Whether ``needle`` is a non-empty run of consecutive items of ``haystack``."""
    return bool(needle) and any(
        haystack[start : start + len(needle)] == needle for start in range(len(haystack))
    )


@given(st.lists(st.text(min_size=1, max_size=4), min_size=1, max_size=8))
def test_words_contain_themselves(haystack: list[str]) -> None:
    """Any non-empty word sequence contains itself (as a list or a tuple)."""
    assert contains(haystack, haystack)
    assert contains(tuple(haystack), haystack)


@given(
    st.lists(st.sampled_from("abc"), max_size=7),
    st.lists(st.sampled_from("abc"), max_size=4),
)
def test_contains_agrees_with_a_naive_search(haystack: list[str], needle: list[str]) -> None:
    """``contains`` finds a needle exactly where a slice-by-slice search does."""
    assert _naive_contains(haystack, needle) == contains(haystack, needle)


def test_contains_edges() -> None:
    """An empty needle is never contained; a needle longer than the haystack never is."""
    assert [False, False, False, True] == [
        contains(("a",), ()),
        contains((), ()),
        contains(("a",), ("a", "a")),
        contains(("a", "b", "a"), ("b", "a")),
    ]


# --- alias groups ----------------------------------------------------------------------


@settings(max_examples=200)
@given(alias_maps())
def test_every_spelling_in_any_case_names_its_canonical_name(
    groups: dict[str, list[str]],
) -> None:
    """Each canonical name and each variant, in any case, leads to the canonical name."""
    aliases = Aliases.from_dict(groups)
    for canonical, variants in groups.items():
        for spelling in (canonical, *variants):
            for written in (spelling, spelling.upper(), spelling.lower(), spelling.swapcase()):
                assert canonical == aliases.canonical(written), written
                assert (canonical, *variants) == aliases.spellings(written), written


@given(alias_maps())
def test_aliases_round_trip_through_a_dict(groups: dict[str, list[str]]) -> None:
    """``to_dict`` gives the section back as written, and ``from_dict`` of it is equal."""
    aliases = Aliases.from_dict(groups)
    assert groups == aliases.to_dict()
    assert aliases == Aliases.from_dict(aliases.to_dict())
    assert aliases == Aliases({k: tuple(v) for k, v in groups.items()})
    assert (list(groups), len(groups)) == (list(aliases), len(aliases))
    assert [tuple(v) for v in groups.values()] == [aliases.variants(k) for k in groups]


@given(alias_maps())
def test_every_spelling_matches_a_name_that_contains_another(
    groups: dict[str, list[str]],
) -> None:
    """A query in one spelling finds a name written in another, among other words."""
    aliases = Aliases.from_dict(groups)
    for canonical, variants in groups.items():
        for variant in variants:
            assert aliases.matches(variant, f"Prefix {canonical} suffix"), variant
            assert aliases.matches(canonical, f"Prefix {variant} suffix"), variant
            assert aliases.matches(variant.upper(), f"Prefix {canonical.lower()}"), variant


@given(alias_maps(), names())
def test_a_name_not_listed_has_no_canonical_name(groups: dict[str, list[str]], name: str) -> None:
    """A name whose words are no listed spelling is no alias: it spells only itself."""
    listed = {words(spelling) for k, vs in groups.items() for spelling in (k, *vs)}
    assume(words(name) not in listed)
    aliases = Aliases.from_dict(groups)
    assert (None, (name,)) == (aliases.canonical(name), aliases.spellings(name))


def test_no_aliases() -> None:
    """Empty aliases are false, have nothing canonical and match by plain words."""
    aliases = Aliases.from_dict(None)
    assert (False, 0, None) == (bool(aliases), len(aliases), aliases.canonical("Astana"))
    assert Aliases() == aliases
    assert aliases.matches("jomart tokayev", "Kassym-Jomart Tokayev")
    assert not aliases.matches("Tokaev", "Kassym-Jomart Tokayev")


def test_the_first_listing_of_a_spelling_wins() -> None:
    """A spelling listed under two canonical names (A002) belongs to the first."""
    aliases = Aliases.from_dict({"Reynard": ["Renard"], "Fox": ["RÉNARD"]})
    assert "Reynard" == aliases.canonical("renard")


def test_canonicalise_prefers_the_longest_spelling() -> None:
    """Where spellings of two groups start at the same word, the longer one is the name.

    "Islamic State of Iraq" is its own group although "Islamic State" is a variant of
    another, in whichever order they are listed.
    """
    isil = ["ISIL", "Islamic State"]
    for groups in (
        {"Islamic State of Iraq and the Levant": isil, "Islamic State of Iraq": ["ISI"]},
        {"Islamic State of Iraq": ["ISI"], "Islamic State of Iraq and the Levant": isil},
    ):
        aliases = Aliases.from_dict(groups)
        isi = aliases.canonicalise(words("ISI"))
        assert 1 == len(isi)
        assert isi == aliases.canonicalise(words("Islamic State of Iraq"))
        assert isi != aliases.canonicalise(words("Islamic State"))
        assert ("the", *isi, "fought") == aliases.canonicalise(
            words("the Islamic State of Iraq fought")
        )
        assert aliases.canonicalise(words("ISIL")) == aliases.canonicalise(
            words("Islamic State of Iraq and the Levant")
        )
        assert aliases.matches("ISI", "the Islamic State of Iraq fought")
        assert not aliases.matches("ISIL", "the Islamic State of Iraq fought")
        assert aliases.matches("ISIL", "the Islamic State fought")


# --- the bundled aliases ---------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Aliases:
    """The aliases of the bundled chronology."""
    return chronology.load().aliases


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Zhushan", "Zhusan"),
        ("Жусан", "Zhusan"),
        ("ЖУСАН", "Zhusan"),
        ("жусан", "Zhusan"),
        ("Жұсан", "Zhusan"),
        ("ЖҰСАН", "Zhusan"),
        ("Tokaev", "Kassym-Jomart Tokayev"),
        ("TOKAEV", "Kassym-Jomart Tokayev"),
        ("касым-жомарт токаев", "Kassym-Jomart Tokayev"),
        ("КАСЫМ ЖОМАРТ ТОКАЕВ", "Kassym-Jomart Tokayev"),
        ("nur sultan", "Astana"),
        ("NUR-SULTAN", "Astana"),
        ("нур-султан", "Astana"),
        ("астана", "Astana"),
        ("ISIS", "Islamic State of Iraq and the Levant"),
        ("isis", "Islamic State of Iraq and the Levant"),
        ("даиш", "Islamic State of Iraq and the Levant"),
        ("Al Hawl", "Al-Hol camp"),
    ],
)
def test_bundled_spellings(bundled: Aliases, name: str, canonical: str) -> None:
    """Latin and Cyrillic spellings of the bundled data, in any case, are grouped."""
    assert canonical == bundled.canonical(name)


def test_kazakh_and_russian_letters_do_not_fold_together(bundled: Aliases) -> None:
    """Kazakh "Қ" is not Russian "К", nor "Ұ" Russian U+0423: each spelling must be listed.

    They are different letters, not one letter with an accent, so folding keeps them
    apart. "Қасым-Жомарт Тоқаев" is found only because it is listed; half-Kazakh
    spellings are not.
    """
    assert [("қ",), ("к",)] == [words("Қ"), words("К")]
    assert words("Жұсан") != words("Жусан")
    assert "Kassym-Jomart Tokayev" == bundled.canonical("Қасым-Жомарт Тоқаев")
    assert None is bundled.canonical("Қасым-Жомарт Токаев")
    russian_only = Aliases.from_dict({"Kassym-Jomart Tokayev": ["Касым-Жомарт Токаев"]})
    assert None is russian_only.canonical("Қасым-Жомарт Тоқаев")


def test_bundled_queries_match_every_spelling(bundled: Aliases) -> None:
    """A query in one spelling matches names written in another."""
    assert bundled.matches("Tokaev", "President Kassym-Jomart Tokayev")
    assert bundled.matches("Жусан", "Operation Zhushan")
    assert bundled.matches("Daesh", "fighters of the Islamic State of Iraq and the Levant")
    assert not bundled.matches("Zhusan", "Rusafa")


# --- validation ------------------------------------------------------------------------

#: A valid data file; ``aliases`` (a whole top-level section, or nothing) goes last,
#: from line 19 on, so that the event's lines are fixed: its actors are on line 12
#: (the first at column 14) and its place name is on line 14 at column 15.
BASE = """\
sources:
  - id: s
    title: A report
    publisher: Example Press
    url: https://example.org/s
events:
  - id: 2019-return
    title: {title}
    date: "2019"
    summary: {summary}
    category: returns
    actors: [{actors}]
    places:
      - name: {place}
        country: KZ
    sources:
      - source: s
        quote: {quote}
{aliases}"""

TOKAYEV = "aliases:\n  Kassym-Jomart Tokayev: [Tokayev, Tokaev]\n  Astana: [Nur-Sultan]\n"


def _check(
    aliases: str = TOKAYEV,
    *,
    actors: str = "Someone",
    place: str = "Somewhere",
    title: str = "The return",
    summary: str = "Some returned.",
    quote: str = "they returned",
) -> Report:
    """Check BASE filled in; the report leaves out the warnings of tests/test_heuristics.py
    (W codes: BASE's source has no archived copy, and its quotes are short)."""
    text = BASE.format(
        aliases=aliases, actors=actors, place=place, title=title, summary=summary, quote=quote
    )
    report = check_bytes(text.encode("utf-8"), "x.yaml")
    return attrs.evolve(report, problems=tuple(p for p in report.problems if p.code[0] != "W"))


def _found(report: Report) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.code) for p in report.problems]


def test_base_file_is_valid() -> None:
    """The base file has no problem, with or without aliases."""
    assert [[], []] == [_found(_check("")), _found(_check())]


def test_variant_actor_and_place_are_warned_at_their_line_and_column() -> None:
    """A001 is a warning at the actor and the place name, for any case or accents."""
    report = _check(actors="Someone, TOKAÉV", place="nur sultan")
    assert [(12, 23, "A001"), (14, 15, "A001")] == _found(report)
    assert [Severity.WARNING] * 2 == [p.severity for p in report.problems]
    assert (True, (), report.problems) == (report.valid, report.errors, report.warnings)
    assert [
        "event '2019-return': 'TOKAÉV' is a variant of 'Kassym-Jomart Tokayev'",
        "place 1 of event '2019-return': 'nur sultan' is a variant of 'Astana'",
    ] == [p.message for p in report.problems]
    assert "write the canonical name 'Astana', as listed under 'aliases'" == (
        report.problems[1].hint
    )


@pytest.mark.parametrize(
    ("actors", "place"),
    [
        ("Kassym-Jomart Tokayev", "Astana"),  # the canonical names
        ("KASSYM JOMART TOKAYEV", "astana"),  # the canonical names in other case
        ("President Tokaev", "Nur-Sultan airport"),  # names merely containing a variant
        ("Tokaev Foundation, Someone", "Old Nur-Sultan"),
    ],
)
def test_canonical_names_and_longer_names_are_not_warned(actors: str, place: str) -> None:
    """Only a name that *is* a variant is warned; the canonical name or a longer name is not."""
    assert [] == _found(_check(actors=actors, place=place))


def test_variants_in_free_text_are_not_warned() -> None:
    """A variant in the title, the summary or a quote is free text, never warned."""
    report = _check(title="Tokaev in Nur-Sultan", summary="Tokaev spoke.", quote="Tokaev")
    assert [] == _found(report)


def test_a002_same_spelling_twice_in_one_group() -> None:
    """A002 at the repeat, ignoring accents, naming the line of the first listing."""
    report = _check("aliases:\n  Reynard: [Renard, Rénard]\n")
    assert [(20, 21, "A002")] == _found(report)
    (problem,) = report.problems
    assert (
        "alias 'Rénard' is already listed under 'Reynard' (line 20), ignoring case and accents"
    ) == problem.message
    assert (Severity.ERROR, False) == (problem.severity, report.valid)


def test_a002_block_list_points_at_the_first_listing() -> None:
    """In a block list, the line named is the first listing's own line."""
    report = _check("aliases:\n  Reynard:\n    - Renard\n    - RENARD\n")
    assert [(22, 7, "A002")] == _found(report)
    assert "(line 21)" in report.problems[0].message


def test_a002_same_spelling_in_two_groups() -> None:
    """A variant listed again under another canonical name, in other case, is A002."""
    report = _check("aliases:\n  Reynard: [Renard]\n  Fox:\n    - Vixen\n    - RENARD\n")
    assert [(23, 7, "A002")] == _found(report)
    assert "alias 'RENARD' is already listed under 'Reynard' (line 20)" in (
        report.problems[0].message
    )


def test_a002_canonical_name_that_is_another_groups_variant() -> None:
    """A canonical name equal to an earlier variant is reported at the key, and vice versa."""
    report = _check(
        "aliases:\n"
        "  Reynard: [Renard]\n"  # line 20
        "  Fox: [reynard]\n"  # line 21: a variant that is the canonical name above
        "  renard: [Raynard]\n"  # line 22: a canonical name that is a variant above
    )
    assert [(21, 9, "A002"), (22, 3, "A002")] == _found(report)
    assert [
        "alias 'reynard' is already listed under 'Reynard' (line 20), ignoring case and accents",
        "alias 'renard' is already listed under 'Reynard' (line 20), ignoring case and accents",
    ] == [p.message for p in report.problems]


def test_a001_names_the_first_canonical_name_of_a_repeated_variant() -> None:
    """A variant listed twice is warned as a variant of its first canonical name."""
    report = _check("aliases:\n  Reynard: [Renard]\n  Fox: [Renard]\n", actors="renard")
    assert [(12, 14, "A001"), (21, 9, "A002")] == _found(report)
    assert "event '2019-return': 'renard' is a variant of 'Reynard'" == (report.problems[0].message)


def test_a003_names_without_letter_or_digit() -> None:
    """A variant or a canonical name with no letter or digit is A003, at its place."""
    report = _check("aliases:\n  Reynard: [Renard, '--']\n  '!!': [a]\n")
    assert [(20, 21, "A003"), (21, 3, "A003")] == _found(report)
    assert "alias '--' has no letter or digit to match" == report.problems[0].message


def test_a003_for_underscores() -> None:
    """Underscores are neither letters nor digits: an alias of underscores is A003."""
    assert [(20, 21, "A003")] == _found(_check("aliases:\n  Reynard: [Renard, '___']\n"))


@pytest.mark.parametrize(
    ("aliases", "expected"),
    [
        ("aliases: [Tokayev, Tokaev]\n", [(19, 10, "S001")]),  # a list, not a mapping
        ("aliases:\n  Astana: []\n", [(20, 11, "S005")]),  # an empty list of variants
        ("aliases:\n  Astana: Nur-Sultan\n", [(20, 11, "S001")]),  # text, not a list
        ("aliases:\n  Astana:\n", [(20, 10, "S001")]),  # nothing
        ("aliases:\n  Astana: [1, Nur-Sultan]\n", [(20, 12, "S001")]),  # a number
        ("aliases:\n  Astana: [Nur-Sultan, '']\n", [(20, 24, "S005")]),  # an empty variant
        ("aliases:\n  Astana: [Nur-Sultan, ' ']\n", [(20, 24, "S005")]),  # a blank variant
        # an exact repeat breaks the schema's uniqueItems and is a spelling listed twice
        ("aliases:\n  Astana: [Akmola, Akmola]\n", [(20, 20, "S007")]),  # once, not also A002
        (f"aliases:\n  Astana: [{'N' * 201}]\n", [(20, 12, "S005")]),  # too long
    ],
)
def test_wrong_shapes_are_schema_errors(aliases: str, expected: list[tuple[int, int, str]]) -> None:
    """A section of the wrong shape gets the schema's codes, at the value at fault."""
    report = _check(aliases)
    assert expected == _found(report)
    assert not report.valid


def test_empty_canonical_name_is_one_problem_about_names() -> None:
    """An empty canonical name is reported once, without the hint about slugs."""
    report = _check("aliases:\n  '': [Astana]\n")
    assert [(20, 3, "S004")] == _found(report)
    assert "slug" not in (report.problems[0].hint or "")


def test_invalid_aliases_still_report_every_problem() -> None:
    """Broken groups do not hide the others: every problem is reported, none raises."""
    report = _check(
        "aliases:\n"
        "  Kassym-Jomart Tokayev: [Tokayev, Tokaev, TOKAEV]\n"  # line 20: A002
        "  Empty: []\n"  # line 21: S005
        "  Numbers: [1]\n"  # line 22: S001
        "  '--': [x]\n",  # line 23: A003
        actors="Tokaev",  # line 12: A001
    )
    assert [
        (12, 14, "A001"),
        (20, 44, "A002"),
        (21, 10, "S005"),
        (22, 13, "S001"),
        (23, 3, "A003"),
    ] == _found(report)
    assert not report.valid


def _document(aliases: Any, actor: Any, place: Any) -> dict[str, Any]:
    return {
        "sources": [
            {
                "id": "s",
                "title": "T",
                "publisher": "P",
                "url": "https://x.org",
                "archived_url": "https://web.archive.org/x",
            }
        ],
        "events": [
            {
                "id": "e",
                "title": "T",
                "date": "2019",
                "summary": "S",
                "category": "c",
                "actors": [actor],
                "places": [{"name": place, "country": "KZ"}],
                "sources": [{"source": "s", "quote": "they returned from the camps"}],
            }
        ],
        "aliases": aliases,
    }


@settings(max_examples=150, deadline=None)
@given(
    json_values(text=st.text(max_size=8)),
    st.one_of(st.text(max_size=8), json_values(text=st.text(max_size=8))),
    st.text(max_size=8),
)
def test_any_aliases_section_gives_problems_not_exceptions(
    aliases: Any, actor: Any, place: str
) -> None:
    """Whatever the section holds, validation reports problems and never raises."""
    document = _document(aliases, actor, place)
    report = check_bytes(json.dumps(document).encode(), "x.yaml")
    assert all(p.code in CODES and p.line >= 1 and p.column >= 1 for p in report.problems)
    if report.valid:
        chronology.Chronology.from_data(report.data)


#: Names from a few letters, accents and separators, so that spellings often collide
#: (A002) or have no word (A003).
_SMALL_NAMES = st.text(st.sampled_from("aAáb -!"), min_size=1, max_size=4).filter(str.strip)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        _SMALL_NAMES, st.lists(_SMALL_NAMES, min_size=1, max_size=3, unique=True), max_size=4
    ),
    st.data(),
)
def test_a001_agrees_with_the_aliases_queries_use(
    groups: dict[str, list[str]], data: st.DataObject
) -> None:
    """Validation and queries read a section alike: A001 names the canonical name queries use.

    Whether or not the section has A002 or A003, an actor is warned exactly when it
    is a variant (not the canonical name) of the group that ``Aliases`` gives it.
    """
    listed = [name for k, vs in groups.items() for name in (k, *vs)]
    spellings = st.sampled_from(listed) if listed else _SMALL_NAMES
    actor = data.draw(st.one_of(spellings, spellings.map(str.upper), _SMALL_NAMES))
    report = check_bytes(json.dumps(_document(groups, actor, "Somewhere")).encode(), "x.yaml")
    assert report.data is not None
    assert [] == [p for p in report.problems if p.code[0] == "S"]
    canonical = Aliases.from_dict(groups).canonical(actor)
    warned = [p.message for p in report.problems if p.code == "A001"]
    if canonical is None or words(actor) == words(canonical):
        assert [] == warned
    else:
        assert [f"event 'e': {actor!r} is a variant of {canonical!r}"] == warned


@settings(max_examples=50, deadline=None)
@given(alias_maps(), st.data())
def test_each_variant_as_actor_is_one_warning(
    groups: dict[str, list[str]], data: st.DataObject
) -> None:
    """Any variant as an actor or place name gets one A001 naming its canonical name."""
    canonical = data.draw(st.sampled_from(sorted(groups)))
    variant = data.draw(st.sampled_from(groups[canonical]))
    report = check_bytes(json.dumps(_document(groups, variant, variant)).encode(), "x.yaml")
    assert ["A001", "A001"] == [p.code for p in report.problems]
    assert report.valid
    assert all(p.message.endswith(f"is a variant of {canonical!r}") for p in report.problems)
    report = check_bytes(json.dumps(_document(groups, canonical, canonical)).encode(), "x.yaml")
    assert [] == list(report.problems)


def test_cli_reports_a001_as_a_warning_and_exits_0(run: Run, tmp_path: Path) -> None:
    """`chronology validate --format json` shows A001 with severity warning and exits 0."""
    text = BASE.format(
        aliases=TOKAYEV,
        actors="Tokaev",
        place="Somewhere",
        title="The return",
        summary="Some returned.",
        quote="they returned",
    )
    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")
    result = run("validate", "--format", "json", "x.yaml", cwd=tmp_path)
    assert 0 == result.returncode, result.stdout + result.stderr
    document = json.loads(result.stdout)
    assert True is document["valid"]
    assert ["W004", "A001", "W003"] == [p["code"] for p in document["problems"]]
    assert [
        {
            "path": "x.yaml",
            "line": 12,
            "column": 14,
            "code": "A001",
            "severity": "warning",
            "message": "event '2019-return': 'Tokaev' is a variant of 'Kassym-Jomart Tokayev'",
            "hint": "write the canonical name 'Kassym-Jomart Tokayev', as listed under 'aliases'",
        }
    ] == [p for p in document["problems"] if p["code"] == "A001"]
