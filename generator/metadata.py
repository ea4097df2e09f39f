"""What a page tells machines in its <head>: OpenGraph tags for link previews and, on a readout's
page, schema.org JSON-LD describing the readout and the meeting it reports.

Both are made from the page's front matter (the contract of DESIGN.md) while MkDocs builds the
site (overrides/hooks.py), when the page's canonical address is known; overrides/main.html prints
them. Without a site address (SITE_URL) they name no URL.
"""

from __future__ import annotations

import datetime as dt
import json

REMOTE_FORMATS = {"phone call", "video call"}


def is_readout(meta: dict) -> bool:
    return isinstance(meta.get("source"), dict) and "participants" in meta


def open_graph(meta: dict, url: str | None, site_name: str) -> list[tuple[str, str]]:
    """(property, content) pairs; the template escapes the content."""
    tags = [("og:site_name", site_name), ("og:title", _text(meta.get("title")) or site_name)]
    tags.append(("og:type", "article" if is_readout(meta) else "website"))
    if url:
        tags.append(("og:url", url))
    if meta.get("description"):
        tags.append(("og:description", _text(meta["description"])))
    if is_readout(meta):
        published = _day(meta.get("published")) or _day(meta.get("date"))
        if published:
            tags.append(("article:published_time", published))
    return tags


def json_ld(meta: dict, url: str | None, site_name: str, site_url: str | None) -> str | None:
    """A readout as a schema.org Article about an Event, as JSON safe inside a <script>."""
    if not is_readout(meta):
        return None
    title = _text(meta.get("title"))
    event: dict = {"@type": "Event", "name": title}
    if _day(meta.get("date")):
        event["startDate"] = _day(meta["date"])
    if _day(meta.get("end_date")):
        event["endDate"] = _day(meta["end_date"])
    if meta.get("format") in REMOTE_FORMATS:
        event["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
    elif meta.get("location"):
        event["location"] = {"@type": "Place", "name": _text(meta["location"])}
    event["attendee"] = [_person(p) for p in meta.get("participants") or [] if isinstance(p, dict)]
    article: dict = {"@context": "https://schema.org", "@type": "Article", "headline": title}
    if meta.get("description"):
        article["description"] = _text(meta["description"])
    published = _day(meta.get("published"))
    if published:
        article["datePublished"] = published
    if meta.get("publisher"):
        article["publisher"] = {"@type": "GovernmentOrganization", "name": _text(meta["publisher"])}
    source = meta["source"]
    if isinstance(source.get("url"), str) and source["url"].startswith(("http://", "https://")):
        article["isBasedOn"] = source["url"]
    if url:
        article["url"] = url
        article["mainEntityOfPage"] = url
    article["about"] = event
    article["isPartOf"] = {"@type": "WebSite", "name": site_name,
                           **({"url": site_url} if site_url else {})}
    return script_json(article)


def script_json(data) -> str:
    """JSON that cannot end or break out of the <script> element it is printed in."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _person(participant: dict) -> dict:
    person = {"@type": "Person", "name": _text(participant.get("name"))}
    if participant.get("title"):
        person["jobTitle"] = _text(participant["title"])
    if participant.get("country"):
        person["nationality"] = {"@type": "Country", "name": _text(participant["country"])}
    return person


def _day(value) -> str | None:
    """An ISO day from a front-matter date, or from a "YYYY-MM-DD HH:MM" timestamp."""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    return None


def _text(value) -> str:
    return " ".join(str(value).split()) if value is not None else ""
