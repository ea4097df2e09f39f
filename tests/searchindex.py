"""A built site as bytes to compare, its search index included by what it says.

Pagefind (1.5) writes each filter's values in an arbitrary order from run to run, and names its
filter files (and its metadata file, which lists them, and pagefind-entry.json, which names that)
by hashes of their bytes (Pagefind issue #638). Its other files are byte-stable. Those few files,
in each bundle of the index (generator/searchindex.py), are compared decoded here: gzip, then Pagefind's signature, then CBOR (RFC 8949), read by the
small decoder below, each filter's values sorted; every other file byte for byte.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
UNSTABLE = re.compile(r"pagefind/[^/]+/(filter/.*|pagefind\..*\.pf_meta|pagefind-entry\.json)\Z")


def comparable_site(site: Path, skip=frozenset()) -> dict[str, object]:
    """Every file of the site by its path: its bytes, or for Pagefind's filter, metadata and
    entry files one entry holding what they say, in an order of their own."""
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
             if p.is_file() and p.relative_to(site).as_posix() not in skip}
    unstable = sorted(name for name in files if UNSTABLE.match(name))
    assert len(unstable) >= 3, unstable  # the entry, the metadata and at least one filter file
    stable = {name: data for name, data in files.items() if name not in unstable}
    return stable | {"pagefind: what the filter and metadata files say": search_metadata(site)}


def search_metadata(site: Path) -> dict:
    """Each bundle's Pagefind metadata with each filter file it names in place of its hash,
    values sorted."""
    return {bundle.parent.name: bundle_metadata(bundle.parent)
            for bundle in sorted((site / "pagefind").glob("*/pagefind-entry.json"))}


def bundle_metadata(bundle: Path) -> dict:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    languages = {}
    for language, about in sorted(entry["languages"].items()):
        version, pages, chunks, filters, sorts, fields = read(bundle / f"pagefind.{about['hash']}.pf_meta")
        decoded = {}
        for name, file_hash in filters:
            filter_name, values = read(bundle / "filter" / f"{file_hash}.pf_filter")
            assert filter_name == name
            decoded[name] = sorted((value, pages_of) for value, pages_of in values)
        languages[language] = {"version": version, "pages": pages, "chunks": chunks,
                               "filters": decoded, "sorts": sorts, "fields": fields,
                               "entry": {k: v for k, v in about.items() if k != "hash"}}
    return {"version": entry["version"], "include_characters": entry["include_characters"],
            "languages": languages}


def read(path: Path):
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(SIGNATURE), path
    return decode(data[len(SIGNATURE):])


def decode(data: bytes):
    """One CBOR data item, as Python values (the kinds Pagefind writes)."""
    value, end = _item(data, 0)
    assert end == len(data), f"{len(data) - end} bytes after the item"
    return value


def _item(data: bytes, at: int):
    major, argument, at = _head(data, at)
    if major == 0:
        return argument, at
    if major == 1:
        return -1 - argument, at
    if major in (2, 3):
        raw = data[at:at + argument]
        return (raw.decode("utf-8") if major == 3 else bytes(raw)), at + argument
    if major in (4, 5):
        items = []
        for _ in range(argument * (2 if major == 5 else 1)):
            item, at = _item(data, at)
            items.append(item)
        return (dict(zip(items[::2], items[1::2])) if major == 5 else items), at
    if major == 7 and argument in (20, 21, 22):
        return {20: False, 21: True, 22: None}[argument], at
    raise ValueError(f"CBOR major type {major} ({argument}) is not one Pagefind writes")


def _head(data: bytes, at: int) -> tuple[int, int, int]:
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        return major, info, at
    size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
    return major, int.from_bytes(data[at:at + size], "big"), at + size
