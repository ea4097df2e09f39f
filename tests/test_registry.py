"""The registries load, and a curator's mistake stops the build with the file and the entry."""

import datetime as dt
import shutil

import pytest
import yaml

from generator.registry import DATA_DIR, RegistryError, load_registry

D = dt.date


def test_curated_registries_load():
    registry = load_registry()
    assert len(registry.topics) >= 60
    assert all(t.parent is None or t.parent in registry.topics for t in registry.topics.values())
    assert registry.holder("United Kingdom", "Prime Minister", __import__("datetime").date(2024, 8, 23)).id == "keir-starmer"


def test_an_office_can_speak_for_another_side_than_its_holders_own():
    registry = load_registry()
    tusk, von_der_leyen = registry.people["donald-tusk"], registry.people["ursula-von-der-leyen"]
    assert registry.home(tusk, dt.date(2016, 5, 1)) == "European Union"
    assert registry.home(tusk, dt.date(2024, 5, 1)) == registry.home(tusk) == "Poland"
    assert registry.home(von_der_leyen, dt.date(2018, 5, 1)) == "Germany"
    assert registry.home(von_der_leyen, dt.date(2021, 5, 1)) == "European Union"


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    return folder


def edit(folder, name, change):
    path = folder / name
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(entries)
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")


def series(data, series_id):
    return next(s for s in data["series"] if s["id"] == series_id)


def person(entries, person_id):
    """The entry with this id: a person, or a topic."""
    return next(p for p in entries if p["id"] == person_id)


@pytest.mark.parametrize(
    "name, change, message",
    [
        ("people.yml", lambda e: person(e, "xi-jinping").update(nickname="Xi"), "unknown key 'nickname'"),
        ("people.yml", lambda e: person(e, "wang-yi").setdefault("aliases", []).append("Xi Jinping"),
         "alias 'Xi Jinping' already belongs to person xi-jinping"),
        ("countries.yml", lambda e: e[1].setdefault("aliases", []).append(e[0]["name"]),
         "already belongs to country"),
        ("people.yml", lambda e: person(e, "xi-jinping")["offices"].append(
            {"title": "President", "from": __import__("datetime").date(2020, 1, 1)}), "offices 'President' overlap"),
        ("people.yml", lambda e: person(e, "xi-jinping").update(country="Atlantis"),
         "country 'Atlantis' is not registered"),
        ("topics.yml", lambda e: e[-1].update(parent="no-such-topic"), "parent 'no-such-topic'"),
        ("topics.yml", lambda e: person(e, "security").update(parent="terrorism"),
         "parents loop: security > terrorism > security"),
        ("topics.yml", lambda e: person(e, "elections")["signals"].append("Climate Change"),
         "signal 'Climate Change' is already a signal of climate-change"),
        ("people.yml", lambda e: e.append(dict(person(e, "xi-jinping"))), "duplicate entry 'xi-jinping'"),
        ("formats.yml", lambda e: e[0].update(format="teleportation"), "not one of"),
        ("titles.yml", lambda e: e[0].update(rank="emperor-of-all"), "rank 'emperor-of-all' is not one of"),
        ("names.yml", lambda e: e.update(nicknames=["Joe"]), "unknown key 'nicknames'"),
        ("names.yml", lambda e: e["stops"].append(e["stops"][0]), "stops: listed twice"),
        ("roles.yml", lambda e: e.pop("joining_cues"), "'joining_cues' must be a non-empty list"),
        ("roles.yml", lambda e: e.update(meeting_verbs="met"), "'meeting_verbs' must be a non-empty list"),
        ("organizations.yml", lambda e: e[0].update(party="yes"), "'party' must be true or false"),
        ("publishers.yml", lambda e: e[0].update(title_shapes=["(unclosed"]), "is not a valid pattern"),
        ("dates.yml", lambda e: e[0]["months"].pop(), "'months' must list 12 entries"),
        ("dates.yml", lambda e: e[0]["weekdays"].append(["Funday"]), "'weekdays' must list 7 entries"),
        ("dates.yml", lambda e: e[1]["months"][0].append("Feb."),
         "months spelling 'feb' already means another month"),
        ("dates.yml", lambda e: e[0].pop("published"), "missing key 'published'"),
        ("places_in_passing.yml", lambda e: e[0].update(cue="gossip"), "gossip: not one of"),
        ("places_in_passing.yml",
         lambda e: next(c for c in e if c["cue"] == "the government speaking").update(before=["x"]),
         "give only 'after'"),
        ("summits.yml", lambda e: series(e, "g20")["editions"][0].update(country="Atlantis"),
         "country 'Atlantis' is not registered"),
        ("summits.yml", lambda e: [ed.pop("id") for ed in series(e, "g20")["editions"][1:3]],
         "edition id 'g20-2009' is used twice; give each edition of a year its own `id`"),
        ("summits.yml", lambda e: series(e, "g20")["editions"][0].update(to=D(2008, 11, 1)),
         "ends (2008-11-01) before it starts (2008-11-14)"),
        ("summits.yml", lambda e: series(e, "g7")["aliases"].append("G20"),
         "name 'G20' already names g20"),
        ("summits.yml", lambda e: series(e, "nato").update(venue="Brussels"), "unknown key 'venue'"),
        ("summits.yml", lambda e: e.update(margin_days=30), "'margin_days' must be a whole number"),
        ("people.yml", lambda e: person(e, "donald-tusk")["offices"][0].update(country="Atlantis"),
         "country 'Atlantis' is not registered"),
        ("people.yml", lambda e: person(e, "donald-tusk")["offices"][1].update(country="Poland"),
         "give at most one of 'country' and 'organization'"),
        ("levels.yml", lambda e: e[0].update(ranks=["emperor"]), "are not among"),
        ("levels.yml", lambda e: e[1].update(titles=["Grand Vizier"]), "are not in titles.yml"),
        ("levels.yml", lambda e: e[-1].update(ranks=["official"]), "only the last level"),
    ],
)
def test_mistakes_are_errors_naming_file_and_entry(data, name, change, message):
    edit(data, name, change)
    with pytest.raises(RegistryError) as error:
        load_registry(data)
    assert name in str(error.value) and message in str(error.value)


def test_summits_and_levels_load():
    registry = load_registry()
    osaka = registry.editions["g20-2019"]
    assert (osaka.title, osaka.start, osaka.end, osaka.country) == (
        "G20 Summit 2019, Osaka", D(2019, 6, 28), D(2019, 6, 29), "Japan")
    assert {"g20", "g7", "brics", "sco", "nato", "east-asia-summit", "asean", "apec", "quad",
            "eu-china", "eu-us"} <= set(registry.summits)
    for major in ("g20", "g7", "brics", "sco", "nato", "east-asia-summit", "asean", "apec"):
        years = {e.start.year for e in registry.summits[major].editions}
        assert len(years & set(range(2010, 2025))) >= 10, major  # a span of years, not a sample
    assert registry.level_of("State Councilor and Foreign Minister").id == "foreign-ministers"
    assert registry.level_of("Prime Minister").id == "leaders"
    assert registry.level_of("Ambassador").id == registry.level_of(None).id == "officials"


def test_unreadable_registry_file(data):
    (data / "topics.yml").write_text("- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="topics.yml: cannot be read"):
        load_registry(data)
