"""The output folders are the generator's own: checked before a build writes anything.

A build replaces its content folder whole (and MkDocs empties its site folder), so a `--content`
or `--site` pointing at the wrong place would delete someone's work. A folder may be written only
when it does not exist yet, is empty, or holds the marker file an earlier build left there; never
when it is, holds or lies inside the seeds folder, or is or holds the project or current folder.

This module also clears what a killed build left beside the content folder (staging trees named
with the dead process's id), so no later run trips over them.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import sys
from pathlib import Path

MARKER = ".summit-output"
MARKER_TEXT = (
    "This folder is written by the Summit Archive generator and replaced whole on every build.\n"
    "Do not keep anything of your own here: edit seeds/ and generator/data/ instead.\n"
)


class OutputFolderError(Exception):
    """An output folder the generator must not write; the message says why and what to do."""


def check_output_folders(seeds: Path, content: Path, site: Path | None = None,
                         project: Path | None = None) -> None:
    """Raise OutputFolderError unless `content` (and `site`) are safe for the generator to replace.

    `project` is the project's own folder (where mkdocs.yml lives); by default the folder that
    holds the seeds folder.
    """
    seeds = _resolved(seeds)
    protected = {  # the likeliest mistake first, so the message names it
        "the project folder": _resolved(project) if project else seeds.parent,
        "the current folder": _resolved(Path.cwd()),
        "the seeds folder": seeds,
    }
    given = {"--content": content} | ({"--site": site} if site is not None else {})
    outputs = {option: _resolved(path) for option, path in given.items()}
    for option, folder in outputs.items():
        name = option.lstrip("-")
        if Path(os.path.abspath(given[option])).is_symlink():
            raise OutputFolderError(
                f"{option} {given[option]} is a symbolic link, which a build would replace; "
                f"give the folder it points to, {option} {folder}")
        for what, guarded in protected.items():
            if folder == guarded or guarded.is_relative_to(folder):
                relation = "is" if folder == guarded else "holds"
                instead = guarded.parent if what == "the seeds folder" else guarded
                raise OutputFolderError(
                    f"{option} {folder} {relation} {what} ({guarded}), and a build replaces its "
                    f"output folder whole. Choose a folder of its own, such as {option} "
                    f"{instead / name}")
        if folder.is_relative_to(seeds):
            raise OutputFolderError(
                f"{option} {folder} lies inside the seeds folder {seeds}, where every file is read "
                f"as a readout. Choose a folder outside it, such as {seeds.parent / name}"
            )
        _check_owned(option, folder)
    if site is not None:
        content, site = outputs["--content"], outputs["--site"]
        if content == site or content.is_relative_to(site) or site.is_relative_to(content):
            raise OutputFolderError(
                f"--content {content} and --site {site} overlap; give each a folder of its own")


def _check_owned(option: str, folder: Path) -> None:
    """The folder is absent, empty, or marked as the generator's; and it can be replaced."""
    if folder.exists() and not folder.is_dir():
        raise OutputFolderError(
            f"{option} {folder} is not a folder; remove it or choose another {option}")
    if folder.is_dir() and not (folder / MARKER).is_file() and any(folder.iterdir()):
        raise OutputFolderError(
            f"{option} {folder} already holds files the generator did not write (it has no "
            f"{MARKER} file), and a build would delete them. Choose an empty or new folder, or "
            f"move those files away and delete the folder first")
    parent = _existing_ancestor(folder.parent)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputFolderError(
            f"{option} {folder}: cannot write in {parent} (permission denied or read-only); "
            f"make it writable or choose another {option}")
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        raise OutputFolderError(
            f"{option} {folder} is read-only; make it writable (chmod -R u+w {folder}) or "
            f"choose another {option}")


def mark(folder: Path, previous: Path | None = None) -> None:
    """Claim a folder the generator writes, so later builds know they may replace it.

    The `previous` build's marker is linked in when it says the same, so an unchanged build
    leaves every file of the folder as it was.
    """
    marker, old = Path(folder) / MARKER, previous and Path(previous) / MARKER
    try:
        if old and old.read_bytes() == MARKER_TEXT.encode():
            os.link(old, marker)
            return
    except OSError:
        pass
    marker.write_text(MARKER_TEXT, encoding="utf-8")


def _resolved(path: Path) -> Path:
    try:
        return Path(os.path.abspath(Path(path).expanduser())).resolve()
    except (OSError, RuntimeError) as exc:  # a symbolic-link loop
        raise OutputFolderError(f"{path} cannot be resolved ({exc})") from None


def _existing_ancestor(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


# ---------------------------------------------------------------- staging trees of killed builds

def staging_prefix(content: Path, kind: str) -> str:
    """`.content.new-PID-`: the process id tells a live build's tree from a killed one's."""
    return f".{Path(content).name}.{kind}-{os.getpid()}-"


_STAGING = re.compile(r"\.(?P<name>.+)\.(?:new|old)-(?:(?P<pid>\d+)-)?[^/]*\Z")


def remove_leftovers(content: Path) -> list[Path]:
    """Delete the staging trees that builds of `content` killed midway left beside it."""
    content = Path(content)
    try:
        siblings = list(content.parent.iterdir())
    except OSError:
        return []
    removed = []
    for path in siblings:
        match = _STAGING.match(path.name)
        if not match or match["name"] != content.name or not path.is_dir() or path.is_symlink():
            continue
        if match["pid"] and _alive(int(match["pid"])):
            continue  # another build of the same folder is writing it right now
        remove_tree(path)
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this build has not made its tree yet; a tree with its id is an old one's
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_tree(path: Path) -> None:
    """`shutil.rmtree`, also through read-only folders (a read-only content/ that was replaced)."""

    def writable_then_retry(function, name, _exc):
        parent = os.path.dirname(name)
        try:
            os.chmod(parent, os.stat(parent).st_mode | stat.S_IWUSR | stat.S_IXUSR)
            if os.path.isdir(name) and not os.path.islink(name):
                os.chmod(name, os.stat(name).st_mode | stat.S_IWUSR | stat.S_IXUSR | stat.S_IRUSR)
            function(name)
        except OSError:
            pass

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=writable_then_retry)
    else:
        shutil.rmtree(path, onerror=lambda function, name, info: writable_then_retry(
            function, name, info[1]))
