"""Score extraction against hand-checked gold annotations, counted as the corpus README says.

People match when the name parts of one are a subset of the other's (case and accents ignored);
people, attendees, participants and countries are scored as precision/recall/F1 over the whole
folder; date and format as the share of exact matches; location as the share of gold locations
overlapped. Topics are read by their labels as readers see them and count by a shared content
word: recall is the share of gold topics some extracted topic shares a word with, precision the
share of extracted topics that share a word with some gold topic. A gold "unnamed principal" (the text says
only "the Prime Minister") is matched by an extracted principal of the same country.

Floors (`load_floors`, `shortfalls`) turn the scores into a gate that fails: `summit eval --min`
or `--floors`, and the corpus tests.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .extract import Extractor
from .link import describe_topic
from .parse import parse
from .registry import Registry, read_yaml
from .sources import Candidate, ReadoutError, read_source

FORMAT_ALIASES = {"telephone call": "phone call", "virtual meeting": "video call",
                  "small-group talks": "talks"}
COUNTRY_ALIASES = {"us": "united states", "usa": "united states", "uk": "united kingdom",
                   "britain": "united kingdom", "russian federation": "russia",
                   "republic of korea": "south korea"}
STOP_WORDS = {"the", "of", "and", "a", "an", "in", "on", "for", "to", "with", "between", "s",
              "issue", "issues", "relations", "cooperation"}


@dataclass
class Tally:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    def f1_parts(self) -> tuple[float, float, float]:
        p_den = self.true_positive + self.false_positive
        r_den = self.true_positive + self.false_negative
        precision = self.true_positive / p_den if p_den else 1.0
        recall = self.true_positive / r_den if r_den else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@dataclass
class Share:
    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 1.0


@dataclass
class Evaluation:
    readouts: int = 0
    date: Share = field(default_factory=Share)
    format: Share = field(default_factory=Share)
    location: Share = field(default_factory=Share)
    topic_recall: Share = field(default_factory=Share)
    topic_precision: Share = field(default_factory=Share)
    principals: Tally = field(default_factory=Tally)
    attendees: Tally = field(default_factory=Tally)
    participants: Tally = field(default_factory=Tally)
    countries: Tally = field(default_factory=Tally)
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def scores(self) -> dict[str, float]:
        return {
            "date": self.date.value,
            "format": self.format.value,
            "location": self.location.value,
            "topic recall": self.topic_recall.value,
            "topic precision": self.topic_precision.value,
            "principals F1": self.principals.f1_parts()[2],
            "attendees F1": self.attendees.f1_parts()[2],
            "participants F1": self.participants.f1_parts()[2],
            "countries F1": self.countries.f1_parts()[2],
        }

    def render(self) -> str:
        lines = [f"readouts scored: {self.readouts}"]
        for name in ("date", "format", "location", "topic_recall", "topic_precision"):
            share = getattr(self, name)
            label = name.replace("_", " ")
            lines.append(f"{label:<16} {share.value:.3f}  ({share.hits}/{share.total})")
        for name in ("principals", "attendees", "participants", "countries"):
            p, r, f = getattr(self, name).f1_parts()
            lines.append(f"{name + ' F1':<16} {f:.3f}  (precision {p:.3f}, recall {r:.3f})")
        for error in self.errors:
            lines.append(f"error: {error}")
        if self.misses:
            lines.append("misses (file, field, expected, found):")
            lines += [f"  {f}: {field_}: expected {e}; found {g}" for f, field_, e, g in self.misses]
        return "\n".join(lines)


class FloorsError(ValueError):
    """A floors file that cannot be used, with the file and the reason."""


def load_floors(path: Path) -> dict[str, float]:
    """Per-field floors from YAML (`field: 0.9`), every field one that the evaluation scores."""
    floors = read_yaml(path, FloorsError, str(path))
    if not isinstance(floors, dict):
        raise FloorsError(f"{path}: expected a mapping of field to floor")
    known = Evaluation().scores()
    for name, floor in floors.items():
        if name not in known:
            raise FloorsError(f"{path}: unknown field {name!r} (fields: {', '.join(known)})")
        if isinstance(floor, bool) or not isinstance(floor, (int, float)) or not 0 <= floor <= 1:
            raise FloorsError(f"{path}: {name}: floor must be a number from 0 to 1, not {floor!r}")
    return {name: float(floor) for name, floor in floors.items()}


def shortfalls(result: Evaluation, floors: dict[str, float]) -> list[str]:
    """Why the evaluation fails its floors: each field below its floor, each readout not scored."""
    scores = result.scores()
    lines = [f"{name} {scores[name]:.3f} is below its floor {floor:.2f}"
             for name, floor in floors.items() if scores[name] < floor]
    return lines + [f"not scored: {error}" for error in result.errors]


def evaluate(readouts_dir: Path, gold_dir: Path, registry: Registry) -> Evaluation:
    """Score every gold-annotated readout in `readouts_dir`."""
    extractor = Extractor(registry)
    result = Evaluation()
    for gold in _gold_entries(gold_dir):
        path = readouts_dir / gold["file"]
        try:
            source = read_source(Candidate.alone(path))
        except ReadoutError as exc:
            result.errors.append(str(exc))
            continue
        facts, _ = extractor.extract(parse(source), source.overrides)
        result.readouts += 1
        _score(result, gold, facts, registry, path.name)
    return result


def _gold_entries(gold: Path) -> list[dict]:
    """Gold annotations: a folder of one YAML file per readout, or one file listing `readouts`."""
    if gold.is_dir():
        return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(gold.glob("*.yaml"))]
    return yaml.safe_load(gold.read_text(encoding="utf-8"))["readouts"]


def _score(result: Evaluation, gold: dict, facts, registry: Registry, name: str) -> None:
    def miss(field_name, expected, found):
        result.misses.append((name, field_name, str(expected), str(found)))

    expected_date = gold.get("date")
    _share(result.date, expected_date == facts.date, lambda: miss("date", expected_date, facts.date))
    expected_format = FORMAT_ALIASES.get(gold.get("format"), gold.get("format"))
    _share(result.format, expected_format == facts.format,
           lambda: miss("format", expected_format, facts.format))
    if gold.get("location"):
        overlap = bool(_words(gold["location"]) & _words(facts.location or ""))
        _share(result.location, overlap, lambda: miss("location", gold["location"], facts.location))

    principals = [p for p in facts.participants if p.role == "principal"]
    attendees = [p for p in facts.participants if p.role == "attendee"]
    gold_principals = gold.get("principals") or []
    unnamed = gold.get("unnamed_principals") or []
    _people(result.principals, gold_principals, principals, unnamed, "principals", miss)
    _people(result.attendees, gold.get("attendees") or [], attendees, [], "attendees", miss)
    _people(result.participants, gold_principals + (gold.get("attendees") or []),
            facts.participants, unnamed, "participants", miss)
    _set_score(result.countries, {_country(c) for c in gold.get("countries") or []},
               {_country(c) for c in facts.countries}, "countries", miss)

    countries_by_id = {c.id: c.name for c in registry.countries.values()}
    labels = [describe_topic(t, registry, countries_by_id).label for t in facts.topics]
    gold_topics = gold.get("topics") or []
    for topic in gold_topics:
        found = any(_words(topic) & _words(label) for label in labels)
        _share(result.topic_recall, found, lambda: miss("topic", topic, "; ".join(labels)))
    if gold_topics:  # a readout without gold topics cannot tell a right topic from a wrong one
        for label in labels:
            right = any(_words(label) & _words(topic) for topic in gold_topics)
            _share(result.topic_precision, right,
                   lambda: miss("extra topic", "; ".join(gold_topics), label))


def _share(share: Share, hit: bool, on_miss) -> None:
    share.total += 1
    if hit:
        share.hits += 1
    else:
        on_miss()


def _people(tally: Tally, gold: list[dict], found, unnamed: list[dict], field_name, miss) -> None:
    remaining = list(found)
    for person in gold:
        match = next((f for f in remaining if _same_person(person["name"], f.name)), None)
        if match is None:
            tally.false_negative += 1
            miss(field_name, person["name"], ", ".join(f.name for f in found) or "nobody")
        else:
            tally.true_positive += 1
            remaining.remove(match)
    for person in unnamed:
        country = _country(person.get("country") or "")
        match = next((f for f in remaining if _country(f.country or "") == country), None)
        if match is None:
            tally.false_negative += 1
            miss(field_name, f"the {person.get('title')} of {person.get('country')}", "nobody")
        else:
            tally.true_positive += 1
            remaining.remove(match)
    for extra in remaining:
        tally.false_positive += 1
        miss(field_name, "nobody else", extra.name)


def _set_score(tally: Tally, gold: set[str], found: set[str], field_name, miss) -> None:
    tally.true_positive += len(gold & found)
    tally.false_negative += len(gold - found)
    tally.false_positive += len(found - gold)
    if gold != found:
        miss(field_name, sorted(gold), sorted(found))


def _fold(text: str) -> str:
    """Lower case without accents, punctuation as spaces ("China–Russia" is two words)."""
    text = re.sub(r"[^\w]+", " ", unicodedata.normalize("NFKD", text))
    return text.encode("ascii", "ignore").decode().lower()


def _same_person(a: str, b: str) -> bool:
    parts_a, parts_b = set(_fold(a).split()), set(_fold(b).split())
    return bool(parts_a and parts_b) and (parts_a <= parts_b or parts_b <= parts_a)


def _country(name: str) -> str:
    folded = _fold(name).strip()
    return COUNTRY_ALIASES.get(folded, folded)


def _words(text: str) -> set[str]:
    return {w for w in _fold(text).split() if w not in STOP_WORDS and len(w) > 1}
