"""What a build saw: readouts read, pages written, and per file the errors and warnings.

The report is the curator's worklist: an error means a readout has no page; a warning means a
page exists but a fact may be missing or guessed; unregistered names are people to add to
`generator/data/people.yml`.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

# Characters that would act on a terminal or a log rather than show: controls (escape sequences,
# carriage returns, line breaks that forge report lines or CI workflow commands), line and
# paragraph separators, invisible format characters such as bidirectional overrides, surrogates.
_UNPRINTABLE = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs"))


def printable(text: str) -> str:
    """`text` for one report line: every character that would not show is written as an escape,
    and the whole is quoted when that happened, so a file name can never act or forge a line."""
    if text.isprintable() and text.isascii() and not text.lstrip().startswith("::"):
        return text  # (a line that starts "::", even indented, is a command to a CI runner)
    escaped = "".join(
        ch.encode("unicode_escape", "backslashreplace").decode("ascii")
        if unicodedata.category(ch) in _UNPRINTABLE else ch
        for ch in text
    )
    if escaped == text and not text.lstrip().startswith("::"):
        return text
    return '"' + escaped.replace('"', '\\"') + '"'


@dataclass
class Report:
    readouts_found: int = 0
    readouts_read: int = 0
    pages: int = 0  # pages in content/
    pages_written: int = 0  # of them, files written this time (the others were unchanged)
    readouts_extracted: int = 0  # parsed and extracted this time (the others came from the cache)
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    warnings: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    unregistered: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    timings: dict[str, float] = field(default_factory=dict)
    site_url: str | None = None  # the site's address the build made links absolute under

    def to_data(self) -> dict:
        """The report as JSON data, to be given again by a build with nothing to do (uptodate.py);
        without its timings, which are that build's own."""
        return {"readouts_found": self.readouts_found, "readouts_read": self.readouts_read,
                "pages": self.pages, "errors": dict(self.errors), "warnings": dict(self.warnings),
                "unregistered": {name: sorted(files) for name, files in self.unregistered.items()},
                "site_url": self.site_url}

    @classmethod
    def from_data(cls, data: dict) -> "Report":
        """A report from `to_data`: nothing extracted or written this time."""
        report = cls(readouts_found=data["readouts_found"], readouts_read=data["readouts_read"],
                     pages=data["pages"], site_url=data["site_url"])
        for kind in ("errors", "warnings"):
            for file, reasons in data[kind].items():
                getattr(report, kind)[file].extend(reasons)
        for name, files in data["unregistered"].items():
            report.unregistered[name].update(files)
        return report

    def error(self, file: str, reason: str) -> None:
        self.errors[file].append(reason)

    def warn(self, file: str, reason: str) -> None:
        self.warnings[file].append(reason)

    @property
    def warning_count(self) -> int:
        return sum(len(v) for v in self.warnings.values())

    @property
    def error_count(self) -> int:
        return sum(len(v) for v in self.errors.values())

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def render(self, verbose: bool = True) -> str:
        lines = [
            f"readouts: {self.readouts_read} read of {self.readouts_found} found "
            f"({self.readouts_extracted} extracted, {self.readouts_read - self.readouts_extracted} "
            f"from the cache); pages: {self.pages} ({self.pages_written} written); "
            f"warnings: {self.warning_count}; errors: {self.error_count}"
        ]
        lines.append(self.address_line())
        if self.timings:
            lines.append(
                "time: " + ", ".join(f"{stage} {seconds:.2f}s" for stage, seconds in self.timings.items())
            )
        for heading, items in (("errors (no page)", self.errors), ("warnings", self.warnings)):
            if items and (verbose or heading.startswith("errors")):
                lines.append(f"{heading}:")
                for file in sorted(items):
                    for reason in items[file]:
                        lines.append(f"  {printable(file)}: {printable(reason)}")
        if self.unregistered and verbose:
            lines.append("unregistered names (add to generator/data/people.yml):")
            for name in sorted(self.unregistered):
                files = ", ".join(printable(f) for f in sorted(self.unregistered[name]))
                lines.append(f"  {printable(name)}: {files}")
        return "\n".join(lines)

    def address_line(self) -> str:
        if self.site_url:
            return f"site address: {self.site_url} (canonical links; absolute feeds, citations, data)"
        return "site address: none (set SITE_URL): feeds, citations and data links are relative"

    def summary(self) -> str:
        """One screen at most: the counts, the time per stage, and the first few problems."""
        lines = self.render(verbose=False).split("\n")[:2]
        if self.timings:
            lines.append("time per stage:")
            lines += [f"  {stage:<14}{seconds:8.2f}s" for stage, seconds in self.timings.items()]
        shown = 0
        for heading, items in (("errors", self.errors), ("warnings", self.warnings)):
            count = sum(len(v) for v in items.values())
            if not count:
                continue
            lines.append(f"{heading} ({count}):")
            for file in sorted(items):
                for reason in items[file]:
                    if shown < SUMMARY_PROBLEMS:
                        lines.append(f"  {printable(file)}: {printable(reason)}")
                    shown += 1
        if shown > SUMMARY_PROBLEMS:
            lines.append(f"  … and {shown - SUMMARY_PROBLEMS} more (run without --summary for all)")
        if self.unregistered:
            lines.append(f"unregistered names: {len(self.unregistered)}")
        return "\n".join(lines)


SUMMARY_PROBLEMS = 10
