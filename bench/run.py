"""Benchmark the build on synthetic archives and write bench/RESULTS.md.

    python bench/run.py [N ...]        (default: 1000 10000; `make bench`)

Every stage runs as a subprocess of its own, so its time is wall-clock as a user sees it and its
peak memory is that process's (and its workers') maximum resident set, read from wait4.
Work folders go to a temporary directory and are deleted afterwards; nothing touches seeds/.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import write_archive  # noqa: E402
from generator.cache import RECENT_NS  # noqa: E402

CONFIG = ROOT / "mkdocs.yml"
TARGETS = {  # at 10,000 readouts on 2 cores
    "generate_s": 10.0, "rerun_s": 1.0, "add_one_s": 2.0, "site_ratio": 1.15, "peak_mb": 1024,
    "build_add_one_s": 30.0,
}
# A plain `mkdocs build` as its command line runs it, on the same content with the same config:
# the floor a site build cannot go below.
MKDOCS_SCRIPT = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
cfg = load_config(config_file=sys.argv[1], docs_dir=sys.argv[2], site_dir=sys.argv[3])
cfg.plugins.on_startup(command="build", dirty=False)
try:
    build(cfg)
finally:
    cfg.plugins.on_shutdown()
"""


def timed(args: list[str], env: dict | None = None) -> tuple[float, float]:
    """(seconds, peak resident MB) of one subprocess, reaped with wait4 to read its own usage.

    wait4 gives the largest single process; `timed.tree_mb` is left holding the peak of the
    whole process tree at once (the build, its workers, MkDocs, Pagefind), sampled."""
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": "true",
                                    **(env or {})})
    # read the pipes in threads so a chatty child cannot block, and reap it with wait4
    import threading

    chunks = {"out": [], "err": []}
    done = threading.Event()
    peak = [0]

    def drain(stream, name):
        chunks[name].append(stream.read())

    def sample():
        while not done.wait(SAMPLE_EVERY):
            peak[0] = max(peak[0], tree_pss(process.pid))

    threads = [threading.Thread(target=drain, args=(process.stdout, "out")),
               threading.Thread(target=drain, args=(process.stderr, "err")),
               threading.Thread(target=sample)]
    for thread in threads:
        thread.start()
    _, status, usage = os.wait4(process.pid, 0)
    done.set()
    for thread in threads:
        thread.join()
    timed.tree_mb = peak[0] / 1024
    timed.output = b"".join(chunks["out"]).decode(errors="replace")
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode:
        out = b"".join(chunks["out"]).decode(errors="replace")
        err = b"".join(chunks["err"]).decode(errors="replace")
        raise RuntimeError(f"{' '.join(map(str, args))} failed:\n{out[-3000:]}\n{err[-3000:]}")
    return seconds, usage.ru_maxrss / 1024


SAMPLE_EVERY = 0.2  # seconds between samples of the process tree's memory


def tree_pss(root: int) -> int:
    """kB of memory the process `root` and its descendants hold now, each page shared between
    them (forked workers) counted once: the sum of their proportional set sizes (Pss)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    parent = int(handle.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                total += next(int(line.split()[1]) for line in handle if line.startswith("Pss:"))
        except (OSError, StopIteration, ValueError):
            pass
    return total


def same_build(first: Path, second: Path) -> tuple[bool, int]:
    """Whether two builds (content/ and site/ beside each other) are the same: every file byte
    for byte, except Pagefind's few unstable files, compared by what they say
    (tests/searchindex.py); and how many files differ in their raw bytes. One file at a time:
    a 10,000-readout site does not fit twice in memory."""
    sys.path.insert(0, str(ROOT / "tests"))
    from searchindex import UNSTABLE, search_metadata

    def names(folder: Path) -> set[str]:
        return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}

    same, differing = True, 0
    for part in ("content", "site"):
        ours, theirs = names(first / part), names(second / part)
        for name in ours | theirs:
            equal = (name in ours and name in theirs
                     and (first / part / name).read_bytes() == (second / part / name).read_bytes())
            differing += not equal
            if not equal and not (part == "site" and UNSTABLE.match(name)):
                same = False
    same = same and search_metadata(first / "site") == search_metadata(second / "site")
    return same, differing


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def search_payload(site: Path) -> tuple[int, str]:
    """Bytes a reader's first search query downloads, and what they are.

    With Pagefind (site/pagefind/, in bundles the Search page merges): the list of bundles, the
    first bundle's loader and WebAssembly, and of every bundle its entry file, its metadata, its
    largest index chunk (a query loads one per term and bundle; the largest is the worst case)
    and its filter files. Else MkDocs' search: the lunr index (search/search_index.json) whole.
    """
    pagefind = site / "pagefind"
    if (pagefind / "bundles.json").is_file():
        bundles = [pagefind / b["path"] for b in json.loads((pagefind / "bundles.json").read_text())]
        files = [pagefind / "bundles.json"]
        if bundles:
            files += [bundles[0] / "pagefind.js", *sorted(bundles[0].glob("wasm.*.pagefind"))[:1]]
        for bundle in bundles:
            files += [bundle / "pagefind-entry.json", *bundle.glob("pagefind.*.pf_meta")]
            files += sorted(bundle.glob("index/*.pf_index"), key=lambda p: p.stat().st_size)[-1:]
            files += sorted(bundle.glob("filter/*.pf_filter"))
        return sum(f.stat().st_size for f in files if f.is_file()), f"pagefind, {len(bundles)} bundle{'s' * (len(bundles) != 1)}"
    index = site / "search" / "search_index.json"
    return (index.stat().st_size if index.is_file() else 0), "lunr"


def bench(n: int, work: Path) -> dict:
    seeds, content, site, floor_site = work / "seeds", work / "content", work / "site", work / "floor"
    cache = work / "cache"
    print(f"[{n}] writing {n} synthetic readouts", flush=True)
    write_archive(seeds, n)
    # A build does not trust the times of files changed in the last RECENT_NS (they tick
    # coarsely): it reads them again next time. A curator's archive is older than that; so is
    # this one before it is built.
    time.sleep(RECENT_NS / 1e9)
    py = sys.executable
    summit = [py, "-m", "generator"]
    common = ["--seeds", str(seeds), "--content", str(content), "--cache", str(cache), "--quiet"]
    result: dict = {"n": n}
    stages: dict[str, list[str]] = {}  # what each stage reported of its own timings

    def stage(name: str, args: list[str]) -> tuple[float, float]:
        took = timed(args)
        stages[name] = [line for line in timed.output.splitlines()
                        if line.startswith(("time:", "site written", "readouts:"))]
        return took

    print(f"[{n}] generate (cold)", flush=True)
    result["generate_s"], result["generate_mb"] = stage("generate", [*summit, "generate", *common])
    print(f"[{n}] generate (unchanged)", flush=True)
    result["rerun_s"], result["rerun_mb"] = stage("rerun", [*summit, "generate", *common])
    write_archive(seeds, 1, start=n)
    print(f"[{n}] generate (one readout added)", flush=True)
    result["add_one_s"], result["add_one_mb"] = stage("add_one", [*summit, "generate", *common])
    print(f"[{n}] summit build (strict MkDocs)", flush=True)
    result["site_s"], result["site_mb"] = stage(
        "site",
        [*summit, "build", *common, "--site", str(site), "--config", str(CONFIG)])
    print(f"[{n}] bare mkdocs build (floor)", flush=True)
    result["floor_s"], result["floor_mb"] = timed(
        [py, "-c", MKDOCS_SCRIPT, str(CONFIG), str(content), str(floor_site)])
    result["site_ratio"] = result["site_s"] / result["floor_s"]
    write_archive(seeds, 1, start=n + 1)
    print(f"[{n}] one readout added: summit build, incremental", flush=True)
    result["build_add_one_s"], result["build_add_one_mb"] = stage(
        "build_add_one",
        [*summit, "build", *common, "--site", str(site), "--config", str(CONFIG)])
    print(f"[{n}] one readout added: summit build, cold", flush=True)
    cold = work / "cold"
    result["build_cold_s"], result["build_cold_mb"] = stage(
        "build_cold",
        [*summit, "build", "--seeds", str(seeds), "--content", str(cold / "content"),
         "--site", str(cold / "site"), "--config", str(CONFIG), "--no-cache", "--quiet"])
    result["build_cold_tree_mb"] = timed.tree_mb
    print(f"[{n}] comparing the incremental build with the cold one", flush=True)
    result["build_identical"], result["build_raw_differences"] = same_build(work, cold)
    shutil.rmtree(cold)
    result["pages"] = sum(1 for _ in content.rglob("*.md"))
    result["content_mb"] = folder_bytes(content) / 1e6
    result["site_mb_disk"] = folder_bytes(site) / 1e6
    result["largest_page_kb"] = max(p.stat().st_size for p in site.rglob("*.html")) / 1e3
    payload, kind = search_payload(site)
    result["search_kb"], result["search_kind"] = payload / 1e3, kind
    result["peak_mb"] = max(v for k, v in result.items() if k.endswith("_mb") and k not in (
        "content_mb", "site_mb_disk", "build_cold_tree_mb", "floor_mb"))  # the floor: not ours
    result["date"] = dt.date.today().isoformat()
    result["stages"] = stages
    return result


ROWS = [
    ("generate, cold (s)", "generate_s", "{:.1f}", "generate_s"),
    ("generate, unchanged re-run (s)", "rerun_s", "{:.2f}", "rerun_s"),
    ("generate, one readout added (s)", "add_one_s", "{:.2f}", "add_one_s"),
    ("summit build: generate + strict MkDocs (s)", "site_s", "{:.1f}", None),
    ("bare mkdocs build, the floor (s)", "floor_s", "{:.1f}", None),
    ("site build / floor", "site_ratio", "{:.2f}", "site_ratio"),
    ("one readout added: whole summit build, cold (s)", "build_cold_s", "{:.1f}", None),
    ("one readout added: whole summit build, incremental (s)", "build_add_one_s", "{:.1f}",
     "build_add_one_s"),
    ("incremental build equals the cold one", "build_identical", None, None),
    ("peak memory, whole cold build, all processes (MB, Pss)", "build_cold_tree_mb", "{:.0f}",
     "peak_mb"),
    ("peak memory, largest stage (MB)", "peak_mb", "{:.0f}", "peak_mb"),
    ("peak memory: generate / MkDocs (MB)", None, None, None),
    ("pages", "pages", "{:,}", None),
    ("content/ (MB)", "content_mb", "{:.1f}", None),
    ("site/ (MB)", "site_mb_disk", "{:.1f}", None),
    ("site/ per readout (kB)", None, None, None),
    ("largest page (kB)", "largest_page_kb", "{:.0f}", None),
    ("first search query downloads (kB)", "search_kb", "{:.0f}", None),
]


def table(results: list[dict]) -> str:
    head = "| measure | " + " | ".join(f"N = {r['n']:,}" for r in results) + " | target at 10,000 |"
    lines = [head, "|---" * (len(results) + 2) + "|"]
    for label, key, fmt, target in ROWS:
        cells = []
        for r in results:
            if key == "build_identical":
                cells.append(("yes" if r[key] else "NO") + f" ({r['build_raw_differences']} files"
                             " differ in raw bytes)")
            elif key:
                cells.append(fmt.format(r[key]))
            elif label.startswith("peak memory:"):
                cells.append(f"{r['generate_mb']:.0f} / {r['site_mb']:.0f}")
            else:
                cells.append(f"{r['site_mb_disk'] * 1e3 / r['n']:.1f}")
        goal = ""
        if target:
            goal = ("≤ " + str(TARGETS[target]) + (" × floor" if target == "site_ratio" else ""))
        if label.startswith("first search"):
            cells = [c + f" ({r['search_kind']})" for c, r in zip(cells, results)]
        if label.startswith("largest page"):
            goal = "≤ 500"
        if label.startswith("site/ per"):
            goal = "constant (linear in N)"
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {goal} |")
    return "\n".join(lines)


def write_results(results: list[dict]) -> Path:
    import mkdocs

    text = f"""# Benchmark results

Synthetic archives written by `bench/synthetic.py` (seeded, ~4 kB readouts in the Chinese
ministry, White House and No. 10 shapes, registered leaders in office on the day, 2010–2024),
built by `bench/run.py` (`make bench`; `BENCH_N=10000 make bench` for one size, the table keeps
the other size's last run from bench/out/). Each stage is a subprocess; times are wall-clock.
"Peak memory, largest stage" is the largest resident set of any one process of any stage (wait4);
"whole cold build, all processes" samples the build's whole process tree every 0.2 s (Python,
its forked workers, Pagefind) and sums their proportional set sizes, so that pages the workers
share are counted once. "Unchanged re-run" and "one readout added" run with the cache the cold
run left in its cache folder. "Whole summit build, incremental" adds one more readout after the
first `summit build` and builds again with its content/, site/ and cache; "cold" builds the same
seeds with `--no-cache` into empty folders; the two results are then compared: content/ and
site/ byte for byte, except Pagefind's filter and metadata files in each search bundle (whose
order and names vary from run to run, Pagefind issue #638), compared by what they say. "Peak
memory, largest stage" leaves out the bare `mkdocs build` (a reference, not part of a build).
The first search counts what a query fetches from every search bundle (generator/searchindex.py).

- date: {", ".join(sorted({f"{r['date']} (N = {r['n']:,})" for r in results}))}
- machine: {os.cpu_count()} cores ({platform.machine()}, {platform.system()} {platform.release()})
- Python {platform.python_version()}, MkDocs {mkdocs.__version__}

{table(results)}
"""
    path = ROOT / "bench" / "RESULTS.md"
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    analysis = old.find(ANALYSIS_HEADING)
    if analysis >= 0:  # the maintainers' reading of the numbers survives a re-run
        text += "\n" + old[analysis:]
    path.write_text(text, encoding="utf-8")
    return path


ANALYSIS_HEADING = "## Where the time goes"


def main(argv=None) -> int:
    sizes = [int(a) for a in (argv if argv is not None else sys.argv[1:])] or [1000, 10000]
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    results = []
    for n in sizes:
        work = Path(tempfile.mkdtemp(prefix=f"summit-bench-{n}-"))
        try:
            result = bench(n, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print(json.dumps(result), flush=True)
        (out / f"result-{n}.json").write_text(json.dumps(result, indent=1))
        results.append(result)
    for kept in sorted(out.glob("result-*.json")):  # sizes measured in an earlier run
        earlier = json.loads(kept.read_text())
        if earlier["n"] not in sizes and "date" in earlier:
            results.append(earlier)
    results.sort(key=lambda r: r["n"])
    print(f"written {write_results(results)}")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
