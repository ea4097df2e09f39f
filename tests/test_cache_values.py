"""The facts cache stores values as tagged JSON: everything the generator stores comes back as
it was, and a value written by hand decodes to the generator's own data or not at all."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cache import CacheError, _dumps, from_text
from generator.model import Participant, Provenance, Statement

plain = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20))
hashable = st.recursive(plain, lambda inner: st.tuples(inner, inner), max_leaves=6)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1))
values = st.recursive(
    st.one_of(plain, dates, st.datetimes(min_value=dt.datetime(1900, 1, 1))),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(hashable, inner, max_size=3),
        st.sets(hashable, max_size=3),
        st.frozensets(hashable, max_size=3),
        st.builds(Participant, st.text(max_size=8), st.text(max_size=8), st.sampled_from(["principal", "attendee"]),
                  st.none() | st.text(max_size=3)),
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(values)
def test_every_stored_value_comes_back_equal_and_of_the_same_types(value):
    again = from_text(_dumps(value))
    assert again == value
    assert _types(again) == _types(value)  # a tuple stays a tuple, a date a date, a set a set


def _types(value):
    if isinstance(value, (list, tuple, set, frozenset)):
        return type(value), sorted(map(repr, map(_types, value)))
    if isinstance(value, dict):
        return dict, sorted(repr((_types(k), _types(v))) for k, v in value.items())
    return type(value)


def test_a_readouts_facts_keep_their_classes_and_patterns_come_back_compiled():
    statement = Statement(("xi-jinping",), 2, 10, 40, "pointed out", "said", ("trade",))
    provenance = Provenance("seeds/a.txt", "0" * 64, None, None, dt.date(2024, 5, 1))
    again = from_text(_dumps((statement, provenance, re.compile("Xi", re.I))))
    assert again[:2] == (statement, provenance)
    assert type(again[0].speakers) is tuple and type(again[1].retrieved) is dt.date
    assert again[2].pattern == "Xi" and again[2].flags & re.I


@pytest.mark.parametrize("text", [
    '{"$Popen":[["sh"]]}',  # a class the cache never stores
    '{"Participant":["a","b","c",null,null,true]}',  # a class name without its tag
    '{"$Participant":["a","b"]}',  # too few fields
    '{"$Participant":"a"}',
    '{"$tuple":[1],"$date":"2024-01-01"}',  # two tags
    '{"name":"x"}',  # an untagged object
    '{"$date":"yesterday"}',
    '{"$date":20240101}',
    '{"$set":[[1,2]]}',  # a list cannot be in a set
    '{"$dict":[[1,2,3]]}',
    '{"$dict":[[[1],2]]}',
    '{"$pattern":["(",0]}',
    '[1,',
])
def test_a_value_written_by_hand_decodes_to_known_data_or_fails_as_a_cache_error(text):
    with pytest.raises(CacheError):
        from_text(text)


def test_json_numbers_and_strings_stand_for_themselves():
    assert from_text(json.dumps([1.5, "$tuple", {"$tuple": ["$date"]}])) == [1.5, "$tuple", ("$date",)]
