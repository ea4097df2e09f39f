"""Which readouts tell the same meeting: Beijing's account and Moscow's of one evening's talks.

Two readouts are one event when they are dated within a day of each other (time zones put one
evening on two dates), are the same kind of encounter between the same sides, are both calls or
both in person, and share a principal on at least two sides. Readouts are taken in date order
and each joins the best event already formed (most principals shared, then nearest in time) whose
first readout is within the day, so an event never drifts along a run of daily meetings. A
curator's `event: ID` in a readout's sidecar puts it in that event and nowhere else: readouts
naming the same ID are one event (joined), and a readout naming an ID of its own stands alone
(split).

Candidates come from each principal's own readouts within the day (`by_person`), never from all
pairs of readouts, so grouping stays linear in the archive.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from dataclasses import dataclass, field

from ..limits import MAX_ID
from ..model import Entry
from .sides import ANNOUNCEMENT, BILATERAL, MULTILATERAL, Shape

SAME_MEETING = dt.timedelta(days=1)
NAMED_PRINCIPALS = 3  # principals an event's id names before "and N others"


@dataclass
class Grouping:
    """The readouts of each event, in order of each event's first readout."""

    members: list[list[Entry]] = field(default_factory=list)
    curated: dict[int, str] = field(default_factory=dict)  # group → the sidecar's event id


def group_readouts(entries: list[Entry], shapes: dict[str, Shape], by_person: dict[str, list[Entry]],
                   curated: dict[str, str], order) -> Grouping:
    """Group `entries` (in `order`, date first) into events; `curated` maps slug → sidecar id."""
    grouping = Grouping()
    group_of: dict[str, int] = {}
    named: dict[str, int] = {}
    sort_keys: dict[str, list[tuple]] = {}  # person id → (undated, day) of their readouts, in order

    def days_of(person_id: str) -> list[tuple]:
        keys = sort_keys.get(person_id)
        if keys is None:
            keys = sort_keys[person_id] = [order(e)[:2] for e in by_person[person_id]]
        return keys

    for entry in entries:
        wanted = curated.get(entry.slug)
        if wanted is not None:
            index = named.get(wanted)
            if index is None:
                index = named[wanted] = _new_group(grouping)
                grouping.curated[index] = wanted
        else:
            index = _best_event(entry, shapes, by_person, curated, group_of, grouping, days_of)
            if index is None:
                index = _new_group(grouping)
        grouping.members[index].append(entry)
        group_of[entry.slug] = index
    return grouping


def _new_group(grouping: Grouping) -> int:
    grouping.members.append([])
    return len(grouping.members) - 1


def _best_event(entry, shapes, by_person, curated, group_of, grouping, days_of) -> int | None:
    day = entry.facts.date
    shape = shapes[entry.slug]
    if day is None or shape.encounter not in (BILATERAL, MULTILATERAL):
        return None
    best = None
    for person_id in shape.side_of:
        readouts = by_person[person_id]
        start = bisect.bisect_left(days_of(person_id), (False, day - SAME_MEETING))
        for other in readouts[start:]:
            if other.facts.date is None or other.facts.date > day + SAME_MEETING:
                break
            index = group_of.get(other.slug)
            if index is None or other.slug in curated or index in grouping.curated:
                continue
            first_day = grouping.members[index][0].facts.date
            if abs(first_day - day) > SAME_MEETING or not same_meeting(shape, shapes[other.slug]):
                continue
            shared = len(shape.side_of.keys() & shapes[other.slug].side_of.keys())
            rank = (-shared, abs(other.facts.date - day), index)
            best = min(best, rank) if best else rank
    return best[2] if best else None


def same_meeting(a: Shape, b: Shape) -> bool:
    """Two readouts may tell one meeting: the same encounter between the same sides, both calls
    or both in person, and principals in common on at least two sides."""
    if a.encounter != b.encounter or a.encounter == ANNOUNCEMENT:
        return False
    if a.encounter == BILATERAL and set(a.sides) != set(b.sides):
        return False
    if a.remote is not None and b.remote is not None and a.remote != b.remote:
        return False
    shared_sides = {a.side_of[p] for p in a.side_of.keys() & b.side_of.keys()}
    return len(shared_sides) >= 2


def event_ids(grouping: Grouping, principals: list[tuple[str, ...]]) -> list[str]:
    """Each group's id: the sidecar's, else its date and its principals
    ("2024-05-16-xi-jinping-vladimir-putin"). An id two events would share goes to the one whose
    first readout comes first; the other gets a tag made from its first readout's address, which
    never changes."""
    taken = set(grouping.curated.values())
    ids = []
    for index, members in enumerate(grouping.members):
        if index in grouping.curated:
            ids.append(grouping.curated[index])
            continue
        base = _base_id(members[0], principals[index])
        if base in taken:
            tag = hashlib.sha1(members[0].slug.encode()).hexdigest()
            base = f"{base}--{tag[:6]}" if f"{base}--{tag[:6]}" not in taken else f"{base}--{tag}"
        taken.add(base)
        ids.append(base)
    return ids


def _base_id(lead: Entry, principals: tuple[str, ...]) -> str:
    """The date and up to three principals' ids, kept within an id's length (it is a file name)."""
    day = lead.facts.date.isoformat() if lead.facts.date else "undated"
    if not principals:
        base = f"{day}-{lead.slug}"
    else:
        named = "-".join(principals[:NAMED_PRINCIPALS])
        others = len(principals) - NAMED_PRINCIPALS
        base = f"{day}-{named}" + (f"-and-{others}-others" if others > 0 else "")
    return base if len(base) <= MAX_ID else base[:MAX_ID].rsplit("-", 1)[0]
