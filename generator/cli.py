"""The `summit` command: generate content, build the site, evaluate extraction, preview."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from .registry import RegistryError, load_registry


def run() -> None:
    """The `summit` command as a process: main's exit status. Its objects are frozen before the
    process exits (gc.freeze), so the interpreter does not walk them all for cycles on the way
    out, about a second after a build of 10,000 readouts: the system takes the memory back whole."""
    status = main()
    gc.freeze()
    sys.exit(status)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="summit", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("generate", "write front-mattered Markdown into the content folder"),
        ("build", "generate, then render the site with MkDocs"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--seeds", type=Path, default=Path("seeds"))
        command.add_argument("--content", type=Path, default=Path("content"))
        command.add_argument("--strict", action="store_true", help="fail on warnings too")
        command.add_argument("--quiet", action="store_true", help="print only the summary and errors")
        command.add_argument("--cache", type=Path, default=None,
                             help="cache folder (default: .cache/summit/ beside the content folder)")
        command.add_argument("--no-cache", action="store_true",
                             help="extract and render everything afresh, keeping nothing")
        command.add_argument("--workers", type=int, default=None,
                             help="processes for extraction (default: one per core)")
        command.add_argument("--site-url", default=os.environ.get("SITE_URL") or None,
                             help="the site's address, for canonical links and absolute links in "
                                  "feeds, citations and data (default: $SITE_URL)")
        if name == "build":
            command.add_argument("--site", type=Path, default=Path("site"))
            command.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    evaluate = commands.add_parser("eval", help="score extraction against gold annotations")
    evaluate.add_argument(
        "--gold", type=Path, required=True,
        help="folder of gold NAME.yaml files, or one YAML file with a `readouts` list",
    )
    evaluate.add_argument("--readouts", type=Path, help="folder of readouts (default: beside the gold)")
    evaluate.add_argument("--min", type=_share, metavar="F",
                          help="fail (exit 1) when any field scores below F, from 0 to 1")
    evaluate.add_argument("--floors", type=Path, metavar="FILE",
                          help="YAML of field: floor; fail (exit 1) when a field scores below its floor")
    add = commands.add_parser("add", help="file a saved readout into the seeds folder, with its "
                                          "sidecar, and show the facts extracted")
    add.add_argument("file", type=Path, help="the readout as saved (.txt, .html or .md)")
    add.add_argument("--url", required=True, help="the address it was published at")
    add.add_argument("--publisher", help="the publishing office, when extraction cannot tell")
    add.add_argument("--retrieved", type=_day, metavar="YYYY-MM-DD",
                     help="the day it was taken from --url (default: today)")
    add.add_argument("--seeds", type=Path, default=Path("seeds"))
    explain = commands.add_parser("explain", help="show a readout's facts and why extraction found them")
    explain.add_argument("file", type=Path, help="a readout (its sidecar NAME.yml is applied)")
    serve = commands.add_parser("serve", help="preview the site with live reload")
    serve.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except RegistryError as exc:
        print(f"summit: registry error: {exc}", file=sys.stderr)
        return 2


def _generate(args, finish: bool = True):
    """Generate content/; print the report unless `finish` is False (build prints it later)."""
    from .cache import CacheError
    from .outputs import OutputFolderError, check_output_folders
    from .pipeline import generate, normalize_site_url
    from .progress import progress_for
    from .report import printable

    if not args.seeds.is_dir():
        print(f"summit: seeds folder {printable(str(args.seeds))} does not exist", file=sys.stderr)
        return 2
    try:
        check_output_folders(args.seeds, args.content, getattr(args, "site", None),
                             project=args.config.parent if hasattr(args, "config") else None)
    except OutputFolderError as exc:
        print(f"summit: {printable(str(exc))}", file=sys.stderr)
        return 2
    try:
        args.site_url = normalize_site_url(args.site_url)
    except ValueError as exc:
        print(f"summit: {exc}", file=sys.stderr)
        return 2
    progress = progress_for()
    cache = False if args.no_cache else (args.cache or True)
    try:
        report = generate(args.seeds, args.content, cache_dir=cache, workers=args.workers,
                          progress=progress, site_url=args.site_url)
    except CacheError as exc:
        print(f"summit: {printable(str(exc))}", file=sys.stderr)
        return 2
    except OSError as exc:  # the disk, not a readout: a full disk, a folder made read-only midway
        print(f"summit: {printable(str(exc.filename or args.content))}: {exc.strerror or exc}; "
              "the content folder was left as it was", file=sys.stderr)
        return 2
    finally:
        if progress:
            progress.finish()
    status = 1 if report.failed(args.strict) else 0
    if finish:
        _print_report(args, report, progress is not None)
    return status, report, progress is not None


def _print_report(args, report, interactive: bool) -> None:
    """On a terminal, one screen; in logs (not a terminal, or CI), the report as it always was."""
    print(report.summary() if interactive and not args.quiet else report.render(verbose=not args.quiet))


def _build(args) -> int:
    import time

    outcome = _generate(args, finish=False)
    if isinstance(outcome, int):
        return outcome
    status, report, interactive = outcome
    if not any(args.content.glob("*.md")):
        _print_report(args, report, interactive)
        return status or 1
    from .cache import default_cache_dir
    from .site import build_site

    mark = time.perf_counter()
    cache_dir = None if args.no_cache else (args.cache or default_cache_dir(args.content))
    site_ok = build_site(args.config, args.content, args.site, args.site_url, cache_dir)
    report.timings["mkdocs"] = time.perf_counter() - mark
    _print_report(args, report, interactive)
    return status if site_ok else 1


def _share(text: str) -> float:
    """A score floor from the command line: a number from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 0 to 1")
    return value


def _eval(args) -> int:
    from .evaluate import Evaluation, FloorsError, evaluate, load_floors, shortfalls

    floors = {}
    if args.min is not None:
        floors = dict.fromkeys(Evaluation().scores(), args.min)
    if args.floors is not None:
        try:
            floors |= load_floors(args.floors)
        except FloorsError as exc:
            print(f"summit: {exc}", file=sys.stderr)
            return 2
    if not args.gold.exists():
        print(f"summit: gold annotations {args.gold} do not exist", file=sys.stderr)
        return 2
    readouts = args.readouts or args.gold.parent
    result = evaluate(readouts, args.gold, load_registry())
    print(result.render())
    failures = shortfalls(result, floors) if floors else []
    for failure in failures:
        print(f"summit: {failure}", file=sys.stderr)
    return 1 if failures else 0


def _day(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date such as 2024-05-17") from None


def _add(args) -> int:
    from .add import add_readout
    from .sources import ReadoutError

    try:
        added = add_readout(args.file, args.seeds, load_registry(), url=args.url,
                            publisher=args.publisher, retrieved=args.retrieved)
    except ReadoutError as exc:
        print(f"summit: {exc}", file=sys.stderr)
        return 1
    print(f"added {added.readout} and its sidecar {added.sidecar.name}\n")
    print(added.explanation)
    for note in added.notes:
        print(f"note: {note}")
    print(f"\nIf a fact is wrong, correct it in {added.sidecar}; then commit both files and push.")
    return 0


def _explain(args) -> int:
    from .explain import explain_file
    from .sources import ReadoutError

    try:
        print(explain_file(args.file, load_registry()))
    except BrokenPipeError:  # `summit explain FILE | head`: the reader has seen enough
        sys.stderr.close()
    except ReadoutError as exc:
        print(f"summit: {exc}", file=sys.stderr)
        return 1
    return 0


def _serve(args) -> int:
    from mkdocs.commands.serve import serve

    serve(config_file=str(args.config), livereload=True)
    return 0


def _generate_command(args) -> int:
    outcome = _generate(args)
    return outcome if isinstance(outcome, int) else outcome[0]


_COMMANDS = {"generate": _generate_command, "build": _build, "eval": _eval, "explain": _explain,
             "add": _add, "serve": _serve}

if __name__ == "__main__":
    sys.exit(main())
