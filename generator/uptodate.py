"""Knowing, without reading a readout, that a generate has nothing to do.

A generate whose inputs are those of the last one (every file of the seeds folder with the same
name, size, time, inode and mode; the same code, templates and curated data; the same site
address) and whose content folder is as the last one left it (every file's size, time and inode)
would write the same pages and make the same report. It gives that report again and stops. Any
difference, down to a file touched, runs the build, which then finds by content what changed.
Like make, this trusts that a file whose size and time did not change did not change; as the
facts cache does, it does not trust a seeds folder in which a file changed a moment ago (file
times tick coarsely): such a generate is not stamped, so the next one runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from stat import S_ISLNK

from . import cache
from .cache import cache_path_for, read_records, write_records
from .report import Report

FORMAT = "1"


def folder_stamp(folder: Path, *, recursive: bool) -> tuple[str, int]:
    """The identity of every entry of a folder (of its whole tree when `recursive`), hashed: its
    name, and the size, modification time, inode and mode of it and, for a link, of its target;
    and the newest change time among them (ns)."""
    digest = hashlib.sha1()
    newest = 0
    below = len(os.path.join(str(folder), ""))  # a path inside, less this, is the path from it
    for root, folders, names in os.walk(folder):
        folders.sort()
        for name in sorted(names + (folders if not recursive else [])):
            path = os.path.join(root, name)
            identity, changed = _identity(path)
            newest = max(newest, changed)
            digest.update(f"{path[below:]}\0{identity}\n".encode("utf-8", "surrogateescape"))
        if not recursive:
            break
    return digest.hexdigest(), newest


def _identity(path: str) -> tuple[str, int]:
    try:
        own = os.lstat(path)
        target = os.stat(path) if S_ISLNK(own.st_mode) else own
    except OSError as exc:
        return f"unreadable {exc.errno}", 0
    identity = " ".join(str(v) for stat in (own, target)
                        for v in (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_mode))
    return identity, max(own.st_mtime_ns, own.st_ctime_ns, target.st_mtime_ns, target.st_ctime_ns)


class LastRun:
    """The last generate of a content folder: a stamp of its inputs, one of what it left in the
    folder, and its report; kept in the cache folder. `salt` stands for the code, the curated
    data and the options."""

    def __init__(self, cache_dir: Path, content_dir: Path, seeds_dir: Path, salt: str):
        self.path = cache_path_for(cache_dir, "last-run", content_dir)
        self.content_dir = Path(content_dir)
        seeds, newest = folder_stamp(Path(seeds_dir), recursive=False)
        settled = newest < time.time_ns() - cache.RECENT_NS
        self.inputs = f"{salt}\0{Path(seeds_dir).resolve()}\0{seeds}" if settled else None

    def report_if_unchanged(self) -> Report | None:
        """The last report, when the inputs are the same and the content folder is untouched;
        else None, and the last run is forgotten until this one is saved."""
        records, _ = read_records(self.path)
        try:
            saved = json.loads(records[0][1]) if len(records) == 1 else {}
            if (self.inputs is not None and saved.get("format") == FORMAT
                    and saved.get("inputs") == self.inputs
                    and saved.get("outputs") == folder_stamp(self.content_dir, recursive=True)[0]):
                return Report.from_data(saved["report"])
        except (ValueError, KeyError, TypeError, AttributeError):
            pass
        self.path.unlink(missing_ok=True)
        return None

    def save(self, report: Report) -> None:
        if self.inputs is None:
            return
        write_records(self.path, [json.dumps({
            "format": FORMAT, "inputs": self.inputs,
            "outputs": folder_stamp(self.content_dir, recursive=True)[0],
            "report": report.to_data(),
        }, sort_keys=True)])
