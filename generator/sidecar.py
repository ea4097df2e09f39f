"""Curator overrides: `seeds/NAME.yml` beside a readout replaces fields extraction got wrong.

A sidecar is checked field by field so that a typo is reported with the file and the key, rather
than reaching the site as a wrong fact.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from .limits import MAX_ID, MAX_SIDECAR_BYTES, sidecar_problem, visible
from .model import ATTENDEE, FORMATS, PRINCIPAL
from .registry import Registry, slugify


class SidecarError(ValueError):
    """A sidecar that cannot be used; the message names the sidecar and the key."""


def _text(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _date(value) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


# Ids, topics and countries become page addresses (leaders/ID.md, topics/ID.md,
# countries/SLUG.md), so a sidecar may only give values that make a safe, non-empty address.
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def _ids(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and _ID.match(v) for v in value)


def _country(value) -> bool:
    return _text(value) and slugify(value) != ""


def _countries(value) -> bool:
    return isinstance(value, list) and all(_country(v) for v in value)


def _people(value) -> bool:
    """Persons with a name, an id that is a slug (or a name to make one from), a known role."""
    if not isinstance(value, list):
        return False
    ids = []
    for v in value:
        if not (isinstance(v, dict) and set(v) <= _PERSON_KEYS and _text(v.get("name"))):
            return False
        person_id = v.get("id") or slugify(v["name"])  # as extract._apply_overrides does
        if not (isinstance(person_id, str) and _ID.match(person_id)):
            return False
        if v.get("role", ATTENDEE) not in (PRINCIPAL, ATTENDEE):
            return False
        if v.get("country") is not None and not _country(v["country"]):
            return False
        if v.get("title") is not None and not _text(v["title"]):
            return False
        ids.append(person_id)
    return len(ids) == len(set(ids))


_PERSON_KEYS = {"id", "name", "role", "country", "title"}

# An earlier address of the readout's page (readouts/ADDRESS/): it becomes a page of its own.
_ADDRESS = re.compile(r"[a-z0-9]+(?:--?[a-z0-9]+)*\Z")


def _addresses(value) -> bool:
    return isinstance(value, list) and all(
        isinstance(v, str) and len(v) <= 200 and _ADDRESS.match(v) and v != "index" for v in value)


# field → (check, what a curator should write)
FIELDS = {
    "title": (_text, "a non-empty string"),
    "date": (_date, "an ISO date such as 2024-05-16"),
    "end_date": (_date, "an ISO date"),
    "published": (lambda v: isinstance(v, dt.date), "an ISO date or date and time"),
    "format": (lambda v: v in FORMATS, "one of " + ", ".join(FORMATS)),
    "format_detail": (_text, "a non-empty string"),
    "location": (lambda v: v is None or _text(v), "a string or null"),
    "participants": (
        _people,
        "a list of {name, role, country, title, id}: role principal or attendee, id a slug "
        "such as xi-jinping, each id once",
    ),
    "mentioned": (_people, "a list of {name, id}: id a slug such as xi-jinping, each id once"),
    "countries": (_countries, "a list of English country names"),
    "mentioned_countries": (_countries, "a list of English country names"),
    "topics": (_ids, "a list of topic ids such as climate-change"),
    "url": (lambda v: _text(v) and v.startswith(("http://", "https://")), "an http(s) URL"),
    "section": (_text, "a non-empty string"),
    "retrieved": (_date, "the ISO date the text was taken from its url, such as 2024-05-17"),
    "publisher": (_text, "the publishing office (The White House) or its country (United Kingdom)"),
    "event": (
        lambda v: isinstance(v, str) and len(v) <= MAX_ID and _ID.match(v) is not None and v != "index",
        "an event id: lowercase words joined by single hyphens, such as "
        "2024-05-16-xi-jinping-vladimir-putin; readouts naming the same id are one event",
    ),
    "redirect_from": (
        _addresses,
        "a list of the page's earlier addresses, each the part after readouts/ "
        "(such as 2024-05-16-xi-jinping-holds-talks-d2ebc7)",
    ),
}


def read_sidecar(path: Path, within: Path | None = None) -> dict:
    """The validated overrides in `path` ({} when there is none); `within`, the seeds folder a
    link must not leave."""
    name = path.name
    if not path.is_symlink() and not path.exists():
        return {}
    try:
        if path.is_symlink():
            target = path.resolve(strict=True)
            if within is not None and not target.is_relative_to(Path(within).resolve()):
                raise SidecarError(f"sidecar {name} is a symbolic link pointing outside the seeds folder")
        size = path.stat().st_size
        if size > MAX_SIDECAR_BYTES:
            raise SidecarError(
                f"sidecar {name} is {size:,} bytes, over the {MAX_SIDECAR_BYTES:,}-byte limit")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SidecarError(f"sidecar {name} is a broken symbolic link") from None
    except (OSError, RuntimeError) as exc:  # unreadable, or a symbolic-link loop
        reason = getattr(exc, "strerror", None) or exc
        raise SidecarError(f"sidecar {name} cannot be read ({reason})") from None
    except UnicodeDecodeError:
        raise SidecarError(f"sidecar {name} is not UTF-8 text") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise SidecarError(f"sidecar {name} is not valid YAML{where}") from None
    except ValueError as exc:
        # PyYAML builds dates itself and lets datetime's error out: "date: 2024-02-30".
        raise SidecarError(f"sidecar {name} holds an impossible date or time ({exc})") from None
    except RecursionError:
        raise SidecarError(f"sidecar {name} is nested too deeply to read") from None
    if data is None:
        return {}
    return checked(data, f"sidecar {name}")


def checked(data, where: str) -> dict:
    """Sidecar fields checked one by one (SidecarError naming `where` and the field), with
    their lists put in order."""
    if not isinstance(data, dict):
        raise SidecarError(f"{where} must be a mapping of field: value")
    data = _visible(data)
    for key, value in data.items():
        if key not in FIELDS:
            raise SidecarError(f"{where}: unknown field {key!r}")
        check, expected = FIELDS[key]
        if not check(value):
            raise SidecarError(f"{where}: field {key!r} must be {expected}")
        problem = sidecar_problem(key, value)
        if problem:
            raise SidecarError(f"{where}: field {key!r}: {problem}")
    overrides = dict(data)
    # Lists are sets to a curator; the front matter keeps countries sorted and nothing twice.
    if "countries" in overrides:
        overrides["countries"] = sorted(set(overrides["countries"]))
    for key in ("mentioned_countries", "topics"):
        if key in overrides:
            overrides[key] = list(dict.fromkeys(overrides[key]))  # order kept: topics rank
    return overrides


def _visible(value, done: dict | None = None):
    """Every string of a sidecar without invisible format characters (bidi overrides and such).

    YAML aliases can share one list many times over (a "billion laughs"): each is cleaned once.
    """
    done = {} if done is None else done
    if not isinstance(value, (dict, list)):
        return visible(value)
    if id(value) not in done:
        done[id(value)] = (
            {k: _visible(v, done) for k, v in value.items()} if isinstance(value, dict)
            else [_visible(v, done) for v in value]
        )
    return done[id(value)]


def unregistered_values(overrides: dict, registry: Registry) -> list[str]:
    """Warnings for sidecar topics and countries the registry does not know: each would make a
    page of its own from a curator's typo (topics/evil-topic, countries/atlantis)."""
    from .link import describe_topic

    warnings = []
    topics = overrides.get("topics", [])
    # (only for a sidecar's topics: most readouts have none, and this is asked of each readout)
    country_ids = {country.id: country.name for country in registry.countries.values()} if topics else {}
    for topic in topics:
        known = describe_topic(topic, registry, country_ids)
        if not known.registered and known.parent is None:  # not even "a-b-relations" of two known
            warnings.append(f"sidecar topic {topic!r} is not in generator/data/topics.yml; "
                            "its page is named from the id alone")
    countries = [*overrides.get("countries", []), *overrides.get("mentioned_countries", []),
                 *(p.get("country") for p in overrides.get("participants", []))]
    for country in dict.fromkeys(c for c in countries if c):
        if registry.country(country) is None:
            warnings.append(f"sidecar country {country!r} is not in generator/data/countries.yml; "
                            "check the spelling (short English names, such as United States)")
    publisher = overrides.get("publisher")
    if publisher and registry.publisher(publisher) is None:
        warnings.append(f"sidecar publisher {publisher!r} is neither a publisher in "
                        "generator/data/publishers.yml nor a registered country")
    return warnings
