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
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SEEDS = ROOT / "tests" / "fixtures" / "archive"
EVENT_SEEDS = ROOT / "tests" / "fixtures" / "events"  # one meeting told twice, a summit, its sidelines


def archive_sources() -> list[Path]:
    """The readouts of the fixture archive: the fixtures, the event fixtures and the seed."""
    return [*FIXTURE_SEEDS.glob("*.txt"), *EVENT_SEEDS.glob("*.txt"), *(ROOT / "seeds").glob("*.*")]


def run_summit(*args: str, cwd: Path = ROOT, site_url: str | None = None
               ) -> subprocess.CompletedProcess:
    """The `summit` command as a curator runs it; SITE_URL is the one given, or none."""
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "SOURCE_DATE_EPOCH")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
        timeout=600, env=env,
    )


def project_mkdocs_config(content: Path, site: Path) -> dict:
    """The project's mkdocs.yml as a mapping, pointed at `content` and `site`, its theme folder
    and hooks at the project's; the site address (!ENV SITE_URL) left unset."""
    loader = type("MkDocsLoader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", lambda _loader, _node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=loader)
    config.update(docs_dir=str(content), site_dir=str(site))
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config["hooks"] = [str(ROOT / hook) for hook in config["hooks"]]
    return config


@pytest.fixture(scope="session")
def built_archive(tmp_path_factory):
    """(content, site) folders of the fixture archive plus the seed (and its sidecar), built by
    `summit build`."""
    work = tmp_path_factory.mktemp("archive")
    seeds = work / "seeds"
    seeds.mkdir()
    for source in archive_sources():
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
