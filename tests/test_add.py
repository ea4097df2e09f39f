"""`summit add`: a saved readout filed into seeds/ with its sidecar in one command, as a curator
adds one (a plain-text readout and an HTML page), and refused with a reason when it cannot be."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from archive_fixture import FIXTURE_SEEDS, run_summit

WH_URL = "https://www.whitehouse.gov/briefing-room/statements-releases/2024/07/06/readout/"
KREMLIN_URL = "http://en.kremlin.ru/events/president/news/70000"
HTML_READOUT = """<!DOCTYPE html>
<html lang="en"><head>
<title>Telephone conversation with President of France Emmanuel Macron • President of Russia</title>
<link rel="canonical" href="http://en.kremlin.ru/events/president/news/70000">
<meta property="og:site_name" content="President of Russia">
</head><body>
<nav><a href="/">Home</a></nav>
<h1>Telephone conversation with President of France Emmanuel Macron</h1>
<p>March 3, 2025</p>
<p>On March 3, 2025, Vladimir Putin had a telephone conversation with President of France
Emmanuel Macron at the French side's initiative.</p>
<p>The two presidents discussed the situation around Ukraine and energy security.</p>
</body></html>
"""


def add(tmp_path: Path, file: Path, *options: str):
    return run_summit("add", str(file), "--seeds", str(tmp_path / "seeds"), *options)


def seeds_folder(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    return seeds


def test_add_a_text_readout(tmp_path):
    seeds = seeds_folder(tmp_path)
    saved = tmp_path / "Downloads" / "readout.TXT"
    saved.parent.mkdir()
    saved.write_bytes((FIXTURE_SEEDS / "wh-2024-07-06-biden-starmer-call.txt").read_bytes())
    run = add(tmp_path, saved, "--url", WH_URL, "--retrieved", "2024-07-08")
    assert run.returncode == 0, run.stderr
    name = "2024-07-06-readout-of-president-joseph-r-biden-jr-s-call-with-prime-minister"
    filed = seeds / f"{name}.txt"
    assert filed.read_bytes() == saved.read_bytes()  # copied as saved, suffix in lower case
    sidecar = yaml.safe_load((seeds / f"{name}.yml").read_text(encoding="utf-8"))
    assert sidecar == {"url": WH_URL, "retrieved": dt.date(2024, 7, 8)}
    assert f"added {filed}" in run.stdout
    assert "publisher:    The White House" in run.stdout  # the facts, as explain shows them
    assert "date:         2024-07-06" in run.stdout and "Keir Starmer" in run.stdout
    generated = run_summit("generate", "--seeds", str(seeds), "--content", str(tmp_path / "content"))
    assert generated.returncode == 0, generated.stderr
    page = (tmp_path / "content" / "readouts" / f"{name}.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(page.split("---\n", 2)[1])
    assert meta["source"]["url"] == WH_URL and meta["source"]["retrieved"] == dt.date(2024, 7, 8)
    assert "Accessed 8 July 2024." in page  # the citation's accessed day is the retrieved day


def test_add_an_html_readout(tmp_path):
    seeds = seeds_folder(tmp_path)
    saved = tmp_path / "conversation.htm"
    saved.write_text(HTML_READOUT, encoding="utf-8")
    run = add(tmp_path, saved, "--url", KREMLIN_URL)
    assert run.returncode == 0, run.stderr
    name = "2025-03-03-telephone-conversation-with-president-of-france-emmanuel-macron"
    assert (seeds / f"{name}.html").read_bytes() == saved.read_bytes()
    sidecar = yaml.safe_load((seeds / f"{name}.yml").read_text(encoding="utf-8"))
    assert sidecar["url"] == KREMLIN_URL
    assert sidecar["retrieved"] == dt.date.today()  # taken today, unless --retrieved says
    assert "publisher:    President of Russia" in run.stdout
    assert "Emmanuel Macron" in run.stdout and "Vladimir Putin" in run.stdout


def test_add_names_a_publisher_it_does_not_know(tmp_path):
    seeds = seeds_folder(tmp_path)
    saved = tmp_path / "note.md"
    saved.write_text("# Ministers Meet\n\nOn March 3, 2025, the two foreign ministers met in "
                     "Geneva to discuss trade.\n", encoding="utf-8")
    run = add(tmp_path, saved, "--url", "https://gov.example/readout", "--publisher",
              "Ministry of Examples", "--retrieved", "2025-03-04")
    assert run.returncode == 0, run.stderr
    assert "publisher:    Ministry of Examples" in run.stdout
    assert "note: publisher 'Ministry of Examples' is not in generator/data/publishers.yml" in run.stdout
    sidecar = yaml.safe_load((seeds / "2025-03-03-ministers-meet.yml").read_text(encoding="utf-8"))
    assert sidecar["publisher"] == "Ministry of Examples"


def test_add_refuses_what_it_cannot_file(tmp_path):
    seeds = seeds_folder(tmp_path)
    saved = tmp_path / "readout.txt"
    saved.write_bytes((FIXTURE_SEEDS / "wh-2024-07-06-biden-starmer-call.txt").read_bytes())
    assert add(tmp_path, saved, "--url", WH_URL).returncode == 0
    again = add(tmp_path, saved, "--url", WH_URL)
    assert again.returncode == 1 and "already in the archive as seeds/2024-07-06-" in again.stderr
    script = add(tmp_path, saved, "--url", "javascript:alert(1)")
    assert script.returncode == 1 and "'url' must be an http(s) URL" in script.stderr
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n")
    wrong = add(tmp_path, photo, "--url", WH_URL)
    assert wrong.returncode == 1 and "not a readout file" in wrong.stderr
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n")
    unreadable = add(tmp_path, binary, "--url", WH_URL)
    assert unreadable.returncode == 1 and "binary file (a PNG image)" in unreadable.stderr
    assert sorted(p.suffix for p in seeds.iterdir()) == [".txt", ".yml"]  # only the first one
