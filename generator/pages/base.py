"""What every kind of page is made with: the plan's inputs, a page whose front matter is its
title, and the year pages of a long listing."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Callable, Iterator, Mapping

from ..link import Archive
from ..markdown import front_matter
from ..registry import Registry
from ..write import Page
from .addresses import Lookups
from .listing import Group
from .statements import Quote, quoted_statements, quotes_by_person, quotes_by_topic


@dataclass(frozen=True)
class PlanInputs:
    """What pages are made from: the archive, the registry, the lookups that pages note, and the
    site's address."""

    archive: Archive
    registry: Registry
    lookups: Lookups
    site_url: str | None = None  # the site's address (SITE_URL), for absolute links; None: relative
    unchanged_readouts: frozenset[str] = frozenset()  # slugs whose pages have the last build's inputs
    # leaders, topics and countries (subjects.py) whose pages have the last build's inputs: their paths
    unchanged_subjects: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    unchanged_rows: frozenset[str] = frozenset()  # slugs whose open-data rows are the last build's
    # the text the last build wrote to a content file, when it is still as written: None else
    last_text: Callable[[str], str | None] = lambda path: None

    def knowing(self, **last_build) -> PlanInputs:
        """These inputs, knowing what of the last build holds (the fields above); the statements
        found already (to sign the subjects that show them) come along rather than being found
        again."""
        known = replace(self, **last_build)
        known.__dict__.update({name: value for name, value in vars(self).items()
                               if name in _FOUND_ONCE})
        return known

    @cached_property
    def quoted(self) -> list:
        """Every statement pages can show, found once for both groupings."""
        return quoted_statements(self.archive)

    @cached_property
    def quotes_by_person(self) -> dict[str, list[Quote]]:
        """Statements by speaker, found once for every page that shows them."""
        return quotes_by_person(self.quoted)

    @cached_property
    def quotes_by_topic(self) -> dict[str, list[Quote]]:
        return quotes_by_topic(self.quoted, self.archive)


_FOUND_ONCE = ("quoted", "quotes_by_person", "quotes_by_topic")  # PlanInputs' cached properties


Share = tuple[int, int]  # (number, count): the number-th of `count` runs of a kind's pages
WHOLE: Share = (0, 1)


def share_of(items: list, share: Share, weight: Callable[[object], int] | None = None) -> list:
    """The number-th of `count` runs of `items`, each of about the same `weight` in all (by
    default 1 each): an item falls in the run where the weight before it falls."""
    number, count = share
    if count == 1:
        return items
    weights = [weight(item) for item in items] if weight else []
    if not any(weights):  # all alike: the run is a slice, found without a weight for each
        return items[-(-number * len(items) // count):-(-(number + 1) * len(items) // count)]
    total = sum(weights)
    run, before = [], 0
    for item, item_weight in zip(items, weights):
        if min(count - 1, count * before // total) == number:
            run.append(item)
        before += item_weight
    return run


def simple_page(path: str, template: str, title: str, *, feed: str | None = None,
                feed_title: str | None = None, **context) -> Page:
    """A page whose front matter is its title, and the feed it offers when it has one (the
    theme advertises `feed` in the page's head, as `feed_title`, by default the page's)."""
    front = {"title": title}
    if feed:
        front |= {"feed": feed, "feed_title": f"{feed_title or title}: new readouts"}
    context = {"title": title, "feed": feed, **context}
    # the front matter is written only for a page that is made: most are kept from the last build
    return Page(path, None, template, None, build=lambda: (front_matter(front), context),
                key_inputs=(front, context))


def listing_pages(title: str, parent: str, groups: list[Group], rows: str = "readout",
                  anchor: str = "") -> Iterator[Page]:
    """The page of each year of a paginated listing; `rows` says what it lists: "readout" or
    "meeting" (events), and `anchor` begins the ids a chart's months point to."""
    for group in groups:
        if group.page:
            yield simple_page(group.page, "listing_year.md.j2", f"{title}: {group.heading}",
                              parent_title=title, parent=parent, year=group.heading,
                              entries=group.entries, count=len(group.entries), rows=rows,
                              anchor=anchor)
