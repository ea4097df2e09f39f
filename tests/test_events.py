"""Events (the readouts of one meeting), summits, levels and visits, on entries built inline."""

import datetime as dt
import hashlib

from conftest import LAVROV, MACRON, PUTIN, WANG, XI, build_entry
from generator.archive import events as events_module
from generator.link import build_archive

D = dt.date
TALKS = dict(principals=[XI, PUTIN], location="Zhongnanhai, Beijing")


def ids(archive):
    return {slug: event.id for slug, event in archive.event_of.items()}


def test_both_governments_accounts_of_one_meeting_are_one_event(registry):
    beijing = build_entry("beijing", D(2024, 5, 16), attendees=[WANG], topics=["ukraine-crisis"], **TALKS)
    moscow = build_entry("moscow", D(2024, 5, 16), attendees=[LAVROV], publisher="President of Russia",
                         topics=["energy"], principals=[PUTIN, XI])
    archive = build_archive([moscow, beijing], registry)
    event = archive.event_of["beijing"]
    assert event is archive.event_of["moscow"] and event.told_by_several
    assert event.id == "2024-05-16-xi-jinping-vladimir-putin"  # the first account's order
    assert [e.slug for e in event.entries] == ["beijing", "moscow"]
    assert [(p.id, n) for p, n in archive.counterparts("xi-jinping")] == [
        ("sergey-lavrov", 1), ("vladimir-putin", 1)]
    assert archive.meetings_per_year("xi-jinping") == [(2024, 1)]
    assert [e.id for e in archive.by_pair[("China", "Russia")]] == [event.id]


def test_a_day_apart_is_one_meeting_two_days_apart_are_two(registry):
    archive = build_archive([
        build_entry("evening", D(2024, 5, 16), **TALKS),
        build_entry("next-morning", D(2024, 5, 17), **TALKS),
        build_entry("later", D(2024, 5, 18), **TALKS),
    ], registry)
    assert archive.event_of["evening"] is archive.event_of["next-morning"]
    # within a day of the second but not of the event's first readout: no drifting chain
    assert archive.event_of["later"] is not archive.event_of["evening"]


def test_a_call_a_summit_and_a_ministers_meeting_are_not_the_talks(registry):
    talks = build_entry("talks", D(2024, 5, 16), **TALKS)
    call = build_entry("call", D(2024, 5, 16), principals=[XI, PUTIN], format="phone call")
    summit = build_entry("summit", D(2024, 5, 16), principals=[XI, PUTIN, MACRON], kind="multilateral")
    courtesy = build_entry("courtesy", D(2024, 5, 16), principals=[XI, LAVROV])
    ministers = build_entry("ministers", D(2024, 5, 16), principals=[WANG, LAVROV])
    archive = build_archive([talks, call, summit, courtesy, ministers], registry)
    assert len(set(ids(archive).values())) == 5
    # the same date and leaders: the readout first by address keeps the plain id, the other is
    # told apart by a tag of its own address, which never changes
    assert archive.event_of["call"].id == "2024-05-16-xi-jinping-vladimir-putin"
    tag = hashlib.sha1(b"talks").hexdigest()[:6]
    assert archive.event_of["talks"].id == f"2024-05-16-xi-jinping-vladimir-putin--{tag}"
    assert archive.event_of["courtesy"].level == "foreign-ministers"  # the lower side's level


def test_a_sidecar_joins_and_splits_events(registry):
    archive = build_archive([
        build_entry("a", D(2024, 5, 16), event="xi-putin-visit", **TALKS),
        build_entry("b", D(2024, 5, 20), event="xi-putin-visit", **TALKS),
        build_entry("c", D(2024, 5, 16), **TALKS),  # would join a, but a is the curator's
        build_entry("d", D(2024, 5, 16), event="banquet", **TALKS),
    ], registry)
    assert archive.event_of["a"].id == archive.event_of["b"].id == "xi-putin-visit"
    assert [e.slug for e in archive.event_of["a"].entries] == ["a", "b"]
    assert archive.event_of["c"].id == "2024-05-16-xi-jinping-vladimir-putin"
    assert archive.event_of["d"].id == "banquet" and len(archive.event_of["d"].entries) == 1


def test_grouping_looks_only_at_each_principals_own_readouts_nearby(registry, monkeypatch):
    """Comparisons grow with the readouts, not with their pairs (no N² in time)."""
    calls = []
    original = events_module.same_meeting
    monkeypatch.setattr(events_module, "same_meeting", lambda a, b: calls.append(1) or original(a, b))
    entries = [build_entry(f"r{i:03}", D(2000, 1, 1) + dt.timedelta(days=3 * i), **TALKS)
               for i in range(300)]
    build_archive(entries, registry)
    assert len(calls) == 0  # three days apart: no readout is near enough to compare
    entries += [build_entry(f"s{i:03}", D(2000, 1, 1) + dt.timedelta(days=3 * i),
                            principals=[PUTIN, XI]) for i in range(300)]
    archive = build_archive(entries, registry)
    assert len(calls) <= 2 * 300  # each second account meets its first through two principals
    assert len(archive.events) == 300


def test_a_multilateral_readout_is_its_summit_and_adds_met_at_not_pairs(registry):
    summit = build_entry("hangzhou", D(2016, 9, 4), principals=[XI, PUTIN, MACRON],
                         kind="multilateral", title="Xi Jinping Chairs the G20 Summit in Hangzhou")
    sidelines = build_entry("sidelines", D(2016, 9, 5), principals=[XI, MACRON],
                            paragraphs=["Xi met Macron on the sidelines of the G20 Summit."])
    call = build_entry("call", D(2016, 9, 6), principals=[PUTIN, MACRON], format="phone call",
                       paragraphs=["They spoke on the sidelines of the G20 Summit preparations."])
    elsewhere = build_entry("elsewhere", D(2016, 9, 5), principals=[XI, PUTIN],
                            paragraphs=["They discussed the G20 agenda."])
    in_host_city = build_entry("host-city", D(2016, 9, 3), principals=[PUTIN, MACRON],
                               location="Hangzhou", paragraphs=["They spoke about the G20."])
    later = build_entry("later", D(2016, 9, 20), principals=[XI, PUTIN, MACRON], kind="multilateral",
                        paragraphs=["Leaders followed up on the G20 Summit."])
    archive = build_archive([summit, sidelines, call, elsewhere, in_host_city, later], registry)
    found = {slug: (e.summit, e.sidelines) for slug, e in archive.event_of.items()}
    assert found == {
        "hangzhou": ("g20-2016", False), "sidelines": ("g20-2016", True),
        "call": (None, False), "elsewhere": (None, False), "host-city": ("g20-2016", True),
        "later": (None, False),
    }
    assert [(e.id, n) for e, n in archive.met_at("vladimir-putin")] == [("g20-2016", 2)]
    assert [(p.id, n) for p, n in archive.counterparts("xi-jinping")] == [
        ("emmanuel-macron", 1), ("vladimir-putin", 1)]  # the sidelines and "elsewhere", no summit
    people = dict(archive.attendance("g20-2016"))
    assert people == {"China": ["xi-jinping"], "France": ["emmanuel-macron"],
                      "Russia": ["vladimir-putin"]}
    assert list(archive.series) == ["g20"] and list(archive.editions) == ["g20-2016"]


def test_visits_made_and_hosted(registry):
    archive = build_archive([
        build_entry("in-beijing", D(2024, 5, 16), **TALKS),
        build_entry("in-paris", D(2024, 5, 6), principals=[XI, MACRON], location="Elysee Palace, Paris"),
        build_entry("abroad", D(2023, 1, 1), principals=[XI, MACRON], location="Bali"),
        build_entry("call", D(2023, 2, 1), principals=[XI, PUTIN], format="phone call"),
    ], registry)
    made, hosted = archive.visits("xi-jinping")
    assert [(v.event.entries[0].slug, v.country, v.others) for v in made] == [
        ("in-paris", "France", ("emmanuel-macron",))]
    assert [(v.event.entries[0].slug, v.others) for v in hosted] == [("in-beijing", ("vladimir-putin",))]
    made, hosted = archive.visits("vladimir-putin")
    assert [v.country for v in made] == ["China"] and hosted == []


def test_event_ids_stay_within_a_file_name(registry):
    long = ("a-" * 45) + "z"  # ids as long as a person's id may be
    people = [(f"{long}-{i}", f"Person {i}", country, "President")
              for i, country in enumerate(("China", "Russia", "France"))]
    archive = build_archive([build_entry("wide", D(2024, 1, 1), principals=people, kind="multilateral")],
                            registry)
    event_id = archive.event_of["wide"].id
    assert event_id.startswith("2024-01-01-a-a-") and len(event_id) <= 100
    assert not event_id.endswith("-")
