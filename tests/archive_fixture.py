"""The fixture archive (tests/fixtures/archive) built once per test session, as a user builds it.

Shared by the site tests and the browser tests: it runs the real `summit build` command, which
generates content/ and runs `mkdocs build --strict` over it.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SEEDS = ROOT / "tests" / "fixtures" / "archive"


def run_summit(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
        timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="session")
def built_archive(tmp_path_factory):
    """(content, site) folders of the fixture archive plus the seed (and its sidecar), built by
    `summit build`."""
    work = tmp_path_factory.mktemp("archive")
    seeds = work / "seeds"
    seeds.mkdir()
    for source in [*FIXTURE_SEEDS.glob("*.txt"), *(ROOT / "seeds").glob("*.*")]:
        (seeds / source.name).write_bytes(source.read_bytes())
    result = run_summit("build", "--seeds", str(seeds), "--content", str(work / "content"),
                        "--site", str(work / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "content", work / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """A folder served over HTTP on localhost, as a reader's browser would load a site."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_server(built_archive):
    """The fixture archive's built site, served over HTTP."""
    with serve(built_archive[1]) as base:
        yield base
