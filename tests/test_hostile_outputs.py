"""Hostile command lines: output folders that are not the generator's, seeds paths spelled many
ways, folders the build cannot write. The build must refuse before it writes anything, say how to
proceed, and never print a traceback or leave a staging folder behind."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from archive_fixture import ROOT, run_summit
from test_hostile import GOOD, GOOD_NAME, seeds_with_good


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else b"/")
            for p in sorted(folder.rglob("*"))}


def generate_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return run_summit("generate", *args, cwd=cwd)


def assert_refused(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder as a curator has one: seeds/, a hand-written doc, mkdocs.yml."""
    seeds_with_good(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "handwritten.md").write_text("# Notes of my own\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: mine\n")
    return tmp_path


@pytest.mark.parametrize("content, why", [
    ("seeds", "is the seeds folder"),
    (".", "is the project folder"),
    ("..", "holds the project folder"),
    ("seeds/content", "lies inside the seeds folder"),
    ("docs", "has no .summit-output file"),
    ("mkdocs.yml", "is not a folder"),
])
def test_content_that_is_not_the_generators_own_is_refused(project: Path, content: str, why: str):
    before = snapshot(project)
    result = generate_cli("--seeds", "seeds", "--content", content, cwd=project)
    assert_refused(result, why.split(" ", 1)[1].split(" file")[0], "--content")
    assert snapshot(project) == before  # nothing written, nothing deleted, no staging folder
    assert "Choose" in result.stderr or "remove it" in result.stderr


def test_content_given_as_a_symbolic_link_is_refused(project: Path):
    (project / "real-content").mkdir()
    (project / "content").symlink_to("real-content")
    result = generate_cli("--seeds", "seeds", "--content", "content", cwd=project)
    assert_refused(result, "symbolic link", "real-content")
    assert (project / "content").is_symlink() and not any((project / "real-content").iterdir())


def test_site_that_is_not_the_generators_own_is_refused(project: Path):
    before = snapshot(project)
    for site, why in (("docs", "has no .summit-output"), (".", "is the project folder"),
                      ("content", "overlap"), ("content/site", "overlap")):
        result = run_summit("build", "--seeds", "seeds", "--content", "content", "--site", site,
                            cwd=project)
        assert_refused(result, why)
        assert snapshot(project) == before


def test_an_absent_empty_or_marked_folder_is_written(project: Path):
    (project / "empty").mkdir()
    for content in ("new", "empty"):
        result = generate_cli("--seeds", "seeds", "--content", content, cwd=project)
        assert result.returncode == 0, result.stderr
        assert (project / content / ".summit-output").is_file()
    result = generate_cli("--seeds", "seeds", "--content", "new", cwd=project)  # marked by now
    assert result.returncode == 0, result.stderr


def test_the_generate_function_refuses_too(project: Path):
    from generator.outputs import OutputFolderError
    from generator.pipeline import generate

    with pytest.raises(OutputFolderError, match="seeds folder"):
        generate(project / "seeds", project / "seeds")
    assert (project / "seeds" / GOOD_NAME).read_text() == GOOD


def test_page_text_does_not_depend_on_how_the_seeds_path_is_spelled(project: Path):
    (project / "seeds" / "second.txt").write_text(GOOD.replace("12 March 2025", "13 March 2025")
                                                  .replace("this afternoon", "this morning"))
    spellings = [("seeds", project), ("./seeds/", project), (str(project / "seeds"), Path("/")),
                 (".", project / "seeds")]
    trees = []
    for number, (seeds, cwd) in enumerate(spellings):
        content = project / f"out{number}"
        result = generate_cli("--seeds", seeds, "--content", str(content), cwd=cwd)
        assert result.returncode == 0, result.stderr
        trees.append(snapshot(content))
    assert all(tree == trees[0] for tree in trees[1:])
    assert any(b"file: seeds/second.txt" in data for data in trees[0].values())


@pytest.fixture
def as_nobody(tmp_path: Path):
    """(command prefix, a work folder) for running as an unprivileged user: root ignores
    permissions, so as root the command runs as nobody, in a folder nobody can reach."""
    if os.geteuid() != 0:
        yield [], tmp_path
        return
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    work = Path(tempfile.mkdtemp(prefix="summit-permissions-"))  # pytest's own is private
    work.chmod(0o777)
    try:
        yield ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"], work
    finally:
        for folder, _, _ in os.walk(work):
            os.chmod(folder, 0o755)
        shutil.rmtree(work)


def _run_as(prefix: list[str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "generator", "generate", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "SUMMIT_CACHE": "", "HOME": "/tmp"},
    )


def test_unwritable_outputs_and_unreadable_files_give_clear_errors(as_nobody):
    prefix, work = as_nobody
    seeds = seeds_with_good(work)
    (seeds / "secret.txt").write_text(GOOD.replace("Brazil", "Chile"))
    (seeds / "secret.txt").chmod(0o000)
    (seeds / "closed.txt").write_text(GOOD.replace("Brazil", "Peru"))
    (seeds / "closed.yml").write_text("title: Closed\n")
    (seeds / "closed.yml").chmod(0o000)
    for path in (work, seeds):
        path.chmod(0o777)
    for path in (seeds / GOOD_NAME, seeds / "closed.txt"):
        path.chmod(0o644)

    # unreadable readout and sidecar: per-file errors, the good readout still gets its page
    result = _run_as(prefix, "--seeds", str(seeds), "--content", str(work / "content"), "--no-cache")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "seeds/secret.txt: cannot be read" in result.stdout
    assert "seeds/closed.txt: sidecar closed.yml cannot be read" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr

    # a read-only content folder: refused before anything is written, no staging folder left
    content = work / "content"
    content.chmod(0o555)
    before = sorted(os.listdir(work))
    result = _run_as(prefix, "--seeds", str(seeds), "--content", str(content), "--no-cache")
    assert result.returncode == 2 and "read-only" in result.stderr, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert sorted(os.listdir(work)) == before
    content.chmod(0o755)

    # a parent folder the build cannot write in
    closed = work / "closed"
    closed.mkdir(mode=0o555)
    result = _run_as(prefix, "--seeds", str(seeds), "--content", str(closed / "content"), "--no-cache")
    assert result.returncode == 2 and "cannot write" in result.stderr, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert os.listdir(closed) == []
