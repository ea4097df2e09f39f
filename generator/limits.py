"""What one readout may put on the site: lengths, counts and characters, checked in one place.

Ids, countries and names become file names and page titles, and every participant of a readout
gets a page listing the others, so a sidecar or a text without bounds could stop the build (a file
name too long for the disk) or make it quadratic. Sidecar values over a limit are refused with the
field named (`sidecar_problem`); extracted facts are cut to the limits with a warning
(`limit_facts`), since the text itself is not the curator's to fix. Bidirectional overrides and
invisible format characters are taken out of titles and names, where they could disguise one
name as another.
"""

from __future__ import annotations

import re
from dataclasses import replace

MAX_TITLE = 300  # characters of a readout's title; a longer one is cut, with a warning
MAX_TEXT = 300  # a place, an office title, a section, the source's own words for the format
MAX_NAME = 100  # a person's name
MAX_COUNTRY = 60  # a country's name: "countries/NAME.md", and two of them name a pair's page
MAX_ID = 100  # a person or topic id: "leaders/ID.md", "topics/ID.md"
MAX_PEOPLE = 100  # participants (and, apart, people mentioned) of one readout
MAX_LIST = 60  # countries or topics of one readout
MAX_SIDECAR_BYTES = 64 * 1024  # a sidecar is a few lines; far above any a curator writes

# Bidirectional embeddings, overrides and isolates, zero-width spaces, joiners and marks, the
# word joiner and the byte-order mark: they change how a name looks, never what it says.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def visible(text):
    """`text` without invisible format characters; anything not a string as it is."""
    return INVISIBLE.sub("", text) if isinstance(text, str) else text


def _over(text: str, limit: int, what: str) -> str | None:
    if len(text) > limit:
        return f"{what} {text[:40]!r}… is {len(text):,} characters, over the limit of {limit}"
    return None


_PERSON_LIMITS = {"id": (MAX_ID, "id"), "name": (MAX_NAME, "name"),
                  "country": (MAX_COUNTRY, "country"), "title": (MAX_TEXT, "title")}


def sidecar_problem(field: str, value) -> str | None:
    """Why a sidecar field's (well-typed) value is over a limit, or None when it is within them."""
    if field in ("participants", "mentioned"):
        if len(value) > MAX_PEOPLE:
            return f"{len(value):,} people, over the limit of {MAX_PEOPLE}"
        for person in value:
            for key, (limit, what) in _PERSON_LIMITS.items():
                problem = _over(person.get(key) or "", limit, what)
                if problem:
                    return problem
    elif field in ("countries", "mentioned_countries", "topics"):
        if len(value) > MAX_LIST:
            return f"{len(value):,} items, over the limit of {MAX_LIST}"
        limit, what = (MAX_ID, "topic id") if field == "topics" else (MAX_COUNTRY, "country")
        for item in value:
            problem = _over(item, limit, what)
            if problem:
                return problem
    elif isinstance(value, str) and field != "title":  # a long title is cut, as an extracted one
        return _over(value, MAX_TEXT if field != "url" else 2000, "value")
    return None


def limit_facts(facts) -> list[str]:
    """Bring extracted (and overridden) facts within the limits, in place; say what was cut."""
    warnings = []
    facts.title = visible(facts.title).strip() or "Untitled readout"
    if len(facts.title) > MAX_TITLE:
        warnings.append(f"title is {len(facts.title):,} characters; cut to {MAX_TITLE}")
        cut = facts.title[: MAX_TITLE - 1]
        facts.title = (cut.rsplit(" ", 1)[0] if " " in cut[MAX_TITLE // 2:] else cut) + "…"
    facts.location, facts.format_detail = visible(facts.location), visible(facts.format_detail)
    facts.countries = [visible(c) for c in facts.countries]
    facts.mentioned_countries = [visible(c) for c in facts.mentioned_countries]
    for field in ("participants", "mentioned"):
        people = [
            replace(p, name=visible(p.name), **({"title": visible(p.title),
                                                 "country": visible(p.country)}
                                                if field == "participants" else {}))
            for p in getattr(facts, field)
        ]
        kept = [p for p in people if len(p.id) <= MAX_ID and len(p.name) <= MAX_NAME]
        if len(kept) < len(people):
            warnings.append(f"{len(people) - len(kept)} {field} left out: name over "
                            f"{MAX_NAME} characters")
        if len(kept) > MAX_PEOPLE:
            warnings.append(f"{len(kept):,} {field}; only the first {MAX_PEOPLE} kept")
            kept = kept[:MAX_PEOPLE]
        setattr(facts, field, kept)
    return warnings
