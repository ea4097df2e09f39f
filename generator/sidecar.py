"""Curator overrides: `seeds/NAME.yml` beside a readout replaces fields extraction got wrong.

A sidecar is checked field by field so that a typo is reported with the file and the key, rather
than reaching the site as a wrong fact.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from .model import FORMATS


class SidecarError(ValueError):
    """A sidecar that cannot be used; the message names the sidecar and the key."""


def _text(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _date(value) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _texts(value) -> bool:
    return isinstance(value, list) and all(_text(v) for v in value)


def _people(value) -> bool:
    return isinstance(value, list) and all(
        isinstance(v, dict) and _text(v.get("name")) and set(v) <= _PERSON_KEYS for v in value
    )


_PERSON_KEYS = {"id", "name", "role", "country", "title"}

# field → (check, what a curator should write)
FIELDS = {
    "title": (_text, "a non-empty string"),
    "date": (_date, "an ISO date such as 2024-05-16"),
    "end_date": (_date, "an ISO date"),
    "published": (lambda v: isinstance(v, dt.date), "an ISO date or date and time"),
    "format": (lambda v: v in FORMATS, "one of " + ", ".join(FORMATS)),
    "format_detail": (_text, "a non-empty string"),
    "location": (lambda v: v is None or _text(v), "a string or null"),
    "participants": (_people, "a list of {name, role, country, title, id}"),
    "mentioned": (_people, "a list of {name, id}"),
    "countries": (_texts, "a list of country names"),
    "mentioned_countries": (_texts, "a list of country names"),
    "topics": (_texts, "a list of topic ids"),
    "url": (lambda v: _text(v) and v.startswith(("http://", "https://")), "an http(s) URL"),
    "section": (_text, "a non-empty string"),
    "publisher": (_text, "the publishing government's country name, e.g. United Kingdom"),
}


def read_sidecar(path: Path) -> dict:
    """The validated overrides in `path`, or {} when there is no sidecar."""
    if not path.is_file():
        return {}
    name = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise SidecarError(f"sidecar {name} is not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise SidecarError(f"sidecar {name} is not valid YAML{where}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SidecarError(f"sidecar {name} must be a mapping of field: value")
    for key, value in data.items():
        if key not in FIELDS:
            raise SidecarError(f"sidecar {name}: unknown field {key!r}")
        check, expected = FIELDS[key]
        if not check(value):
            raise SidecarError(f"sidecar {name}: field {key!r} must be {expected}")
    return dict(data)
