"""The summit finder's pre-check must never say a passage cannot name a series where its patterns
would find the name: checked over every character, then over passages written to trip it."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.archive.summits import NamePrecheck, _alternation
from generator.matcher import lowered

EVERY_CHARACTER = [chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF]
PRINTABLE_ASCII = [chr(code) for code in range(0x20, 0x7F)]


def test_folding_keeps_each_character_in_its_place():
    assert all(len(lowered(char)) == 1 for char in EVERY_CHARACTER)


def test_a_character_a_pattern_ignoring_case_takes_for_an_ascii_one_folds_to_it():
    some_ascii = re.compile("[\x20-\x7e]", re.IGNORECASE)
    for char in EVERY_CHARACTER:
        if some_ascii.fullmatch(char):
            for ascii_char in PRINTABLE_ASCII:
                if re.fullmatch(re.escape(ascii_char), char, re.IGNORECASE):
                    assert lowered(char) == ascii_char.lower(), (char, ascii_char)


NAMES = ["G20", "SCO", "East Asia Summit", "Summit of the Americas", "İzmir Forum", "G-7 Summit"]
pieces = st.sampled_from([*NAMES, *[n.upper() for n in NAMES], *[n.lower() for n in NAMES],
                          "\u0130", "\u0131", "\u017f", "\u212a", "ß", "ẞ", "ﬅ", " ", "-", "a",
                          "EAST ASİA SUMMİT", "eaſt aſia ſummit", "ſco", "g20"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(pieces, max_size=6).map("".join),
       st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True))
def test_the_precheck_lets_through_every_passage_the_patterns_find_a_name_in(passage, names):
    acronyms = [n for n in names if " " not in n]
    longer = [n for n in names if " " in n]
    found = (_alternation(acronyms, 0).search(passage)
             or _alternation(longer, re.IGNORECASE).search(passage))
    if found:
        assert NamePrecheck(tuple(acronyms), tuple(longer)).may_name(passage, lowered(passage))
