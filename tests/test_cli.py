"""The `summit` command as a curator uses it: the report, sidecar overrides, exit codes."""

import yaml

from archive_fixture import run_summit

READOUT = (
    "Home > China News\n"
    "Li Qiang Meets with Kenyan President William Ruto\n"
    "2024-03-02 21:40\n\n"
    "On March 2, 2024, Premier Li Qiang met with Kenyan President William Ruto in Beijing.\n\n"
    "The two sides agreed to expand trade and agricultural cooperation.\n"
)


def page_meta(content):
    page = content / "readouts" / "ruto.md"  # the address is the file's name
    return yaml.safe_load(page.read_text(encoding="utf-8").split("---\n", 2)[1])


def test_report_lists_unregistered_names_with_their_readouts(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "ruto.txt").write_text(READOUT, encoding="utf-8")
    run = run_summit("generate", "--seeds", str(seeds), "--content", str(tmp_path / "content"))
    assert run.returncode == 0, run.stderr
    assert "readouts: 1 read of 1 found" in run.stdout
    assert "unregistered names" in run.stdout
    assert "William Ruto: seeds/ruto.txt" in run.stdout
    ruto = next(p for p in page_meta(tmp_path / "content")["participants"] if p["name"] == "William Ruto")
    assert (ruto["role"], ruto["country"]) == ("principal", "Kenya")


def test_sidecar_overrides_extracted_fields(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "ruto.txt").write_text(READOUT, encoding="utf-8")
    (seeds / "ruto.yml").write_text(
        "date: 2024-03-01\nlocation: Great Hall of the People, Beijing\n"
        "url: https://example.org/readouts/ruto\ntopics: [trade, agriculture]\n",
        encoding="utf-8",
    )
    run = run_summit("generate", "--seeds", str(seeds), "--content", str(tmp_path / "content"))
    assert run.returncode == 0, run.stderr
    meta = page_meta(tmp_path / "content")
    assert str(meta["date"]) == "2024-03-01"
    assert meta["location"] == "Great Hall of the People, Beijing"
    assert meta["topics"] == ["trade", "agriculture"]
    assert meta["source"]["url"] == "https://example.org/readouts/ruto"


def test_strict_fails_on_warnings(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "undated.txt").write_text(
        "A Note Without Dates\n\nPremier Li Qiang met with President Emmanuel Macron.\n", encoding="utf-8"
    )
    args = ("generate", "--seeds", str(seeds), "--content", str(tmp_path / "content"))
    assert run_summit(*args).returncode == 0
    strict = run_summit(*args, "--strict")
    assert strict.returncode == 1
    assert "undated" in strict.stdout


def test_explain_shows_each_fact_with_its_strategy_and_passage(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "ruto.txt").write_text(READOUT, encoding="utf-8")
    (seeds / "ruto.yml").write_text("location: Great Hall of the People, Beijing\n", encoding="utf-8")
    run = run_summit("explain", str(seeds / "ruto.txt"))
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "date:         2024-03-02" in out
    assert "by date in opening sentence" in out
    assert "“On March 2, 2024, Premier Li Qiang met with Kenyan President William Ruto in Beijing.”" in out
    assert "  - William Ruto (President, Kenya)  [not in the registry]" in out
    assert "location:     Great Hall of the People, Beijing\n    by curator's sidecar" in out
    assert "unregistered name (add to generator/data/people.yml): William Ruto" in out


def test_explain_names_the_file_and_reason_when_unreadable(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    run = run_summit("explain", str(bad))
    assert run.returncode == 1
    assert "empty.txt" in run.stderr and "Traceback" not in run.stderr
