"""What search finds a readout by besides its text: every name and alias of the people in it
(a reader searching "Zelensky" finds the readout that writes "Zelenskyy"), its place, countries,
topics and publisher. The readout page hides these words in its search block
(templates/readout.md.j2), which search reads instead of the facts box."""

from __future__ import annotations

from ..model import Entry
from ..registry import Registry
from .addresses import Lookups, publisher_label


def search_terms(entry: Entry, registry: Registry, lookups: Lookups) -> list[str]:
    """The words besides the text that a reader may search this readout by, each once."""
    facts = entry.facts
    terms = ["readout"]  # every readout page holds it: search.js asks it to list all readouts
    for person_id, written in [(p.id, p.name) for p in facts.participants] + [
            (m.id, m.name) for m in facts.mentioned]:
        known = registry.person(person_id)
        terms += [written, lookups.person_name(person_id)]
        if known:
            terms += [known.name, *known.aliases]
    terms += [facts.location or "", *facts.countries]
    terms += [lookups.topic_label(t) for t in facts.topics]
    if facts.publisher:
        terms += [facts.publisher, publisher_label(facts.publisher, registry)]
    return list(dict.fromkeys(t for t in terms if t))
