"""A leader's, topic's or country's pages are kept without planning them when their signature
(generator/pages/subjects.py) is the last build's: whatever changed, the build must equal a fresh
one, and changes that touch few subjects must leave most unplanned.

The changes are those that reach a subject's pages from readouts that are not its own: a
counterpart's new title, two counterparts meeting each other (the leader's circle), a statement
on a narrower topic, a new compatriot.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from generator import render
from generator.pages import plan
from generator.pipeline import generate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.synthetic import write_archive  # noqa: E402
from test_scale import tree  # noqa: E402


@pytest.fixture
def planned(monkeypatch):
    """The subjects whose pages were planned in each build, and the archive each build linked."""
    seen = {"subjects": [], "archive": None}
    for name, subject in (("_person_page", lambda person, *_: person.id),
                          ("_topic_page", lambda topic, *_: topic.id),
                          ("_country_page", lambda country, *_: country)):
        original = getattr(plan, name)

        def spy(*args, original=original, subject=subject):
            seen["subjects"].append(subject(*args))
            return original(*args)

        monkeypatch.setattr(plan, name, spy)
    signatures = render.signatures

    def spy_signatures(inputs, *workers):
        seen["archive"] = inputs.archive
        return signatures(inputs, *workers)

    monkeypatch.setattr(render, "signatures", spy_signatures)
    return seen


def _sidecar(seed: Path, **fields) -> None:
    seed.with_suffix(".yml").write_text(yaml.safe_dump(fields, sort_keys=False), encoding="utf-8")


def _principal(person, title: str | None = None) -> dict:
    return {"name": person.name, "id": person.id, "role": "principal",
            "country": person.country, "title": title or (person.titles or ("President",))[0]}


def _subjects(archive) -> int:
    """How many leaders, topics and countries have pages."""
    return len(archive.people) + len(archive.by_country) + len(
        [t for t in archive.topics if t not in plan.merged_relations(archive)])


def test_subject_pages_planned_again_are_those_a_change_reaches_and_builds_equal_fresh_ones(
        tmp_path, planned):
    seeds_dir = tmp_path / "seeds"
    write_archive(seeds_dir, 40)
    content = tmp_path / "content"
    generate(seeds_dir, content, workers=1)
    archive = planned["archive"]
    every = len(planned["subjects"])
    assert every == _subjects(archive)

    from generator.pages.network import acquaintances, meeting_ties
    known = acquaintances(meeting_ties(archive.events.values())[0])
    leader, first, second = next(  # a leader's counterparts who have not met each other
        (p, a, b) for p, others in sorted(known.items()) for a in sorted(others)
        for b in sorted(others) if a < b and b not in known[a])
    first, second = archive.people[first], archive.people[second]
    narrower = next(t for t in archive.topics.values() if t.parent)
    country = first.country
    leaders = {leader, first.id, second.id}
    bystanders = iter(seeds_dir / Path(entry.facts.source.file).name for entry in archive.entries
                      if not leaders & set(archive.roles[entry.slug]))  # readouts none of them is in

    changes = {
        "a readout added": lambda: write_archive(seeds_dir, 1, start=40),
        "two of a leader's counterparts meeting each other": lambda: _sidecar(
            next(bystanders), participants=[_principal(first), _principal(second)],
            countries=sorted({first.country, second.country})),
        "a counterpart's new title, in a readout the leader is not in": lambda: _sidecar(
            next(bystanders), participants=[_principal(first, "Acting Head of State")]),
        "a readout on a narrower topic": lambda: _sidecar(next(bystanders), topics=[narrower.id]),
        "a new compatriot": lambda: _sidecar(
            next(bystanders), participants=[{"name": "Ada Newcomer", "id": "ada-newcomer",
                                     "role": "principal", "country": country,
                                     "title": "Foreign Minister"}, _principal(second)]),
        "a readout gone": lambda: next(bystanders).unlink(),
    }
    for number, (name, change) in enumerate(changes.items()):
        change()
        planned["subjects"].clear()
        report = generate(seeds_dir, content, workers=1)
        assert not report.errors, name
        assert 0 < len(planned["subjects"]) < every, name
        fresh = tmp_path / f"fresh-{number}"
        generate(seeds_dir, fresh, cache_dir=None, workers=1)
        assert tree(content) == tree(fresh), name
    planned["subjects"].clear()
    generate(seeds_dir, content, workers=1, site_url="https://archive.example/")
    assert len(planned["subjects"]) == _subjects(planned["archive"])  # another address: all again


def test_new_code_that_pages_subjects_otherwise_plans_them_again(tmp_path, monkeypatch):
    """A subject's signature says what its pages are made from, not how: after a change to the
    code (here, long listings split into pages per year sooner) its pages are planned afresh,
    whatever paths the last build gave them."""
    seeds_dir = tmp_path / "seeds"
    write_archive(seeds_dir, 40)
    content = tmp_path / "content"
    generate(seeds_dir, content, workers=1)
    monkeypatch.setattr("generator.cache._code_fingerprint", "code that pages listings sooner")
    monkeypatch.setattr("generator.pages.listing.PAGINATE_ABOVE", 3)
    generate(seeds_dir, content, workers=1)
    generate(seeds_dir, tmp_path / "fresh", cache_dir=None, workers=1)
    assert tree(content) == tree(tmp_path / "fresh")
