"""`summit explain FILE`: one readout's facts, each with the strategy and passage behind it.

A curator reads this to see why a fact came out as it did, and so which sidecar field or registry
entry would correct it.
"""

from __future__ import annotations

from pathlib import Path

from .extract import Extractor
from .extract.evidence import Evidence, shorten
from .model import Facts
from .parse import parse
from .registry import Registry
from .sources import Candidate, read_source


def explain_file(path: Path, registry: Registry) -> str:
    """The readout's facts and their evidence as plain text; ReadoutError when it is unreadable."""
    source = read_source(Candidate.alone(path))
    readout = parse(source)
    facts, unregistered = Extractor(registry).extract(readout, source.overrides)
    return render(facts, unregistered, readout.paragraphs)


def render(facts: Facts, unregistered: list[str], paragraphs: tuple[str, ...] = ()) -> str:
    why = _by_fact(facts.evidence)
    lines = [f"{facts.source.file}", ""]

    def fact(label: str, value) -> None:
        lines.append(f"{label + ':':<13} {value if value not in (None, '', []) else '—'}")
        for evidence in why.get(label, []):
            lines.extend(_because(evidence))

    fact("title", facts.title)
    fact("publisher", facts.publisher)
    fact("date", _day(facts))
    fact("kind", facts.kind)
    fact("format", facts.format + (f" ({facts.format_detail})" if facts.format_detail else ""))
    fact("location", facts.location)
    for role in ("principal", "attendee"):
        people = [p for p in facts.participants if p.role == role]
        lines.append(f"{role + 's:':<13} {len(people) or '—'}")
        for person in people:
            office = ", ".join(x for x in (person.title, person.country) if x)
            lines.append(f"  - {person.name}" + (f" ({office})" if office else "")
                         + ("" if person.registered else "  [not in the registry]"))
            for evidence in why.get((role, person.name), []):
                lines.extend(_because(evidence, indent="      "))
    fact("mentioned", ", ".join(m.name for m in facts.mentioned))
    fact("countries", ", ".join(facts.countries))
    fact("also named", ", ".join(facts.mentioned_countries))
    lines.append(f"{'topics:':<13} {len(facts.topics) or '—'}")
    for topic in facts.topics:
        lines.append(f"  - {topic}")
        for evidence in why.get(("topic", topic), []):
            lines.extend(_because(evidence, indent="      "))
    lines.append(f"{'statements:':<13} {len(facts.statements) or '—'}")
    people = {p.id: p.name for p in facts.participants} | {m.id: m.name for m in facts.mentioned}
    for statement in facts.statements:
        speakers = " and ".join(people.get(key, key) for key in statement.speakers)
        lines.append(f"  - {speakers}, {statement.verb!r} (by {statement.how}), paragraph "
                     f"{statement.paragraph + 1}")
        if statement.paragraph < len(paragraphs):
            words = paragraphs[statement.paragraph][statement.start:statement.end]
            lines.append(f"      “{shorten(words, 160)}”")
    for warning in facts.warnings:
        lines.append(f"warning: {warning}")
    for name in unregistered:
        lines.append(f"unregistered name (add to generator/data/people.yml): {name}")
    return "\n".join(lines)


def _by_fact(evidence: list[Evidence]) -> dict:
    """Evidence by fact name, and by (fact, value) for facts with many values (people, topics)."""
    grouped: dict = {}
    for item in evidence:
        grouped.setdefault(item.fact, []).append(item)
        grouped.setdefault((item.fact, item.value), []).append(item)
    return grouped


def _because(evidence: Evidence, indent: str = "    ") -> list[str]:
    lines = [f"{indent}by {evidence.strategy}"]
    if evidence.quote:
        lines.append(f"{indent}  “{evidence.quote}”")
    return lines


def _day(facts: Facts) -> str | None:
    if facts.date is None:
        return None
    shown = facts.date.isoformat() + (f" to {facts.end_date.isoformat()}" if facts.end_date else "")
    return shown + ("" if facts.date_basis == "text" else f" ({facts.date_basis})")
