"""Addresses that never move: a readout's page lives at its file's name whatever a correction
changes, and a page at an earlier address sends the reader on to it."""

import re
import shutil

import pytest
import yaml

from archive_fixture import ROOT, run_summit, serve
from generator.pages.addresses import readout_addresses, redirect_addresses, stem_address
from generator.pipeline import generate
from generator.sidecar import SidecarError, read_sidecar
from sitecheck import check_site

SEED = ROOT / "seeds" / "000_7dcf29c1458b0db6.txt"
SEED_ADDRESS = "000-7dcf29c1458b0db6"
# The seed's address before addresses came from file names (date, title words, a tag); the seed's
# own sidecar keeps a redirect from it.
V1_ADDRESS = "2024-05-16-xi-jinping-holds-small-group-talks-with-russian-president-d2ebc7"
OTHER = ROOT / "tests" / "fixtures" / "archive" / "cn-2023-04-06-xi-macron-talks.txt"
CORRECTION = {
    "date": "2024-05-15",
    "title": "Xi Jinping and Vladimir Putin Hold Small-group Talks",
    "redirect_from": [V1_ADDRESS],
}


def meta(page):
    return yaml.safe_load(page.read_text(encoding="utf-8").split("---\n", 2)[1])


def readout_files(content):
    return sorted(p.name for p in (content / "readouts").glob("*.md"))


def write_sidecar(seeds, fields: dict) -> None:
    lines = [f"{key}: {value}" if not isinstance(value, list) else f"{key}: [{', '.join(value)}]"
             for key, value in fields.items()]
    (seeds / f"{SEED.stem}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copyfile(SEED, folder / SEED.name)
    return folder


# ---------------------------------------------------------------- the rule

def test_the_address_is_the_file_name_as_a_slug():
    assert stem_address("seeds/2024-05-16-xi-putin-talks.txt") == "2024-05-16-xi-putin-talks"
    assert stem_address("seeds/000_7dcf29c1458b0db6.txt") == SEED_ADDRESS
    assert stem_address("seeds/Xi Putin (Kremlin account).html") == "xi-putin-kremlin-account"
    assert stem_address("seeds/习近平.txt") == "readout"
    long = stem_address("seeds/" + "-".join(["word"] * 40) + ".txt")
    assert len(long) <= 80 and long.endswith("word")


def test_files_asking_for_one_address_each_get_their_own():
    files = ["seeds/xi-putin.txt", "seeds/Xi_Putin.html", "seeds/xi-putin.md", "seeds/index.txt",
             "seeds/other.txt"]
    addresses, notes = readout_addresses(files)
    assert addresses["seeds/xi-putin.md"] == "xi-putin"  # its stem is the address; first by name
    assert addresses["seeds/other.txt"] == "other"
    for file in ("seeds/xi-putin.txt", "seeds/Xi_Putin.html"):
        assert re.fullmatch(r"xi-putin--[0-9a-f]{6}", addresses[file])
    assert re.fullmatch(r"index--[0-9a-f]{6}", addresses["seeds/index.txt"])  # readouts/index.md lists
    assert len(set(addresses.values())) == len(files)
    assert sorted(file for file, _ in notes) == ["seeds/Xi_Putin.html", "seeds/index.txt",
                                                 "seeds/xi-putin.txt"]
    # The answer depends on the files alone, not on their order or on unrelated files.
    assert readout_addresses(list(reversed(files)))[0] == addresses
    more, _ = readout_addresses(files + ["seeds/xi-putin-2.txt", "seeds/a.txt"])
    assert {file: more[file] for file in files} == addresses


def test_a_redirect_is_kept_only_where_no_readout_lives_and_one_readout_asks():
    addresses = {"seeds/a.txt": "a", "seeds/b.txt": "b", "seeds/c.txt": "c"}
    claims = {"seeds/a.txt": ["old-a", "b", "shared", "old-a"], "seeds/c.txt": ["shared"]}
    kept, notes = redirect_addresses(claims, addresses)
    assert kept == {"seeds/a.txt": ("old-a",)}
    assert ("seeds/a.txt", "no redirect from readouts/b/: seeds/b.txt lives at that address") in notes
    assert {file for file, note in notes if "readouts/shared/" in note} == {"seeds/a.txt", "seeds/c.txt"}


@pytest.mark.parametrize("value", [
    "[readouts/old/]", "[Old-Address]", "[old address]", "[index]", "old-address", "[-old]",
    "[old-]", "[old---address]", "[1, 2]",
])
def test_sidecar_redirect_from_must_be_earlier_addresses(tmp_path, value):
    sidecar = tmp_path / "x.yml"
    sidecar.write_text(f"redirect_from: {value}\n", encoding="utf-8")
    with pytest.raises(SidecarError, match=r"x\.yml: field 'redirect_from' must be a list of"):
        read_sidecar(sidecar)


def test_sidecar_redirect_from_takes_old_and_tagged_addresses(tmp_path):
    sidecar = tmp_path / "x.yml"
    sidecar.write_text(f"redirect_from: [{V1_ADDRESS}, xi-putin--3f9a1c]\n", encoding="utf-8")
    assert read_sidecar(sidecar) == {"redirect_from": [V1_ADDRESS, "xi-putin--3f9a1c"]}


# ---------------------------------------------------------------- in a build

def test_correcting_date_and_title_keeps_the_address_and_the_old_one_redirects(seeds, tmp_path):
    content = tmp_path / "content"
    generate(seeds, content)
    assert readout_files(content) == [f"{SEED_ADDRESS}.md", "index.md"]
    before = meta(content / "readouts" / f"{SEED_ADDRESS}.md")

    write_sidecar(seeds, CORRECTION)
    report = generate(seeds, content)
    assert not report.errors and not report.warnings
    assert readout_files(content) == [f"{SEED_ADDRESS}.md", f"{V1_ADDRESS}.md", "index.md"]
    after = meta(content / "readouts" / f"{SEED_ADDRESS}.md")
    assert (str(before["date"]), after["slug"]) == ("2024-05-16", SEED_ADDRESS)
    assert (str(after["date"]), after["title"]) == ("2024-05-15", CORRECTION["title"])
    redirect = content / "readouts" / f"{V1_ADDRESS}.md"
    assert meta(redirect) == {"title": f"Moved: {CORRECTION['title']}", "template": "redirect.html",
                              "redirect": f"readouts/{SEED_ADDRESS}.md"}
    assert f"](../readouts/{SEED_ADDRESS}.md)" in redirect.read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    generate(seeds, fresh, cache_dir=None)
    assert readout_files(fresh) == readout_files(content)  # the incremental build equals a fresh one


def test_a_refused_redirect_is_a_warning_and_costs_no_page(seeds, tmp_path):
    shutil.copyfile(OTHER, seeds / OTHER.name)
    write_sidecar(seeds, {"redirect_from": [OTHER.stem]})  # where the other readout lives
    report = generate(seeds, tmp_path / "content")
    assert not report.errors
    assert any(f"no redirect from readouts/{OTHER.stem}/" in w
               for w in report.warnings[f"seeds/{SEED.name}"])
    assert "redirect" not in meta(tmp_path / "content" / "readouts" / f"{OTHER.stem}.md")
    assert readout_files(tmp_path / "content") == sorted(
        [f"{SEED_ADDRESS}.md", f"{OTHER.stem}.md", "index.md"])


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory):
    """The seed built, then corrected by a sidecar and built again, as a curator would."""
    work = tmp_path_factory.mktemp("corrected")
    seeds = work / "seeds"
    seeds.mkdir()
    shutil.copyfile(SEED, seeds / SEED.name)
    command = ("build", "--seeds", str(seeds), "--content", str(work / "content"),
               "--site", str(work / "site"))
    first = run_summit(*command)
    assert first.returncode == 0, first.stdout + first.stderr
    write_sidecar(seeds, CORRECTION)
    second = run_summit(*command)  # a strict MkDocs build: a redirect to no page would fail it
    assert second.returncode == 0, second.stdout + second.stderr
    return work / "site"


def test_redirect_pages_pass_the_link_check(corrected_site):
    assert (corrected_site / "readouts" / V1_ADDRESS / "index.html").is_file()
    assert check_site(corrected_site) == []  # the redirect's destination is checked too


def test_the_old_address_leads_to_the_page_under_a_sub_path(page, corrected_site, tmp_path):
    """Served from a folder of a larger site, as a project site on GitHub Pages is."""
    shutil.copytree(corrected_site, tmp_path / "root" / "archive")
    with serve(tmp_path / "root") as base:
        page.goto(f"{base}/archive/readouts/{V1_ADDRESS}/")
        page.wait_for_url(f"{base}/archive/readouts/{SEED_ADDRESS}/")
        assert page.locator("h1").first.inner_text().startswith(CORRECTION["title"])
        assert "15 May 2024" in page.locator("article .admonition").first.inner_text()
