"""Which government published a readout: it tells whose "the Prime Minister" the text means.

A readout shows it by a masthead or breadcrumb line ("10 Downing Street"), by the host of its
source URL, or by a title shape only one government uses ("PM call with …"); publishers.yml holds
each publisher's lines, domains and title shapes.
"""

from __future__ import annotations

from ..model import Readout
from ..registry import Registry
from .evidence import Finding


def publisher_masthead(readout: Readout, registry: Registry) -> Finding | None:
    for line in (*readout.masthead, *readout.breadcrumb):
        publisher = registry.publisher_by_masthead(line)
        if publisher:
            return Finding(publisher, line)
    return None


def publisher_of_source_address(readout: Readout, registry: Registry) -> Finding | None:
    publisher = registry.publisher_by_url(readout.provenance.url)
    return Finding(publisher, readout.provenance.url) if publisher else None


def publisher_title_shape(readout: Readout, registry: Registry) -> Finding | None:
    publisher = registry.publisher_by_title(readout.title or "")
    return Finding(publisher, readout.title) if publisher else None
