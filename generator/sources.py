"""Find readout files, decode them whatever their encoding, and record where they came from.

Readouts arrive copied from browsers and saved by many hands, so this stage is defensive: every
problem with one file becomes a `ReadoutError` naming that file, never an exception that stops the
others.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .model import Provenance, SourceText
from .sidecar import SidecarError, read_sidecar

READOUT_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html", ".md": "markdown"}
MAX_BYTES = 20 * 1024 * 1024  # far above any real readout (a few kB); guards memory and time

_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x7fELF": "an executable",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")


class ReadoutError(Exception):
    """A readout that cannot be read; `str()` names the file and the reason."""

    def __init__(self, file: str, reason: str):
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


@dataclass(frozen=True)
class Candidate:
    """A file in the seeds folder that looks like a readout, before it is read."""

    path: Path
    label: str  # how reports and provenance name it: "seeds/NAME.txt"


def find_readouts(seeds_dir: Path) -> tuple[list[Candidate], list[ReadoutError]]:
    """Readout files directly in `seeds_dir`, sorted by name; refuse links that leave it."""
    root = seeds_dir.resolve()
    found, refused = [], []
    for path in sorted(seeds_dir.iterdir(), key=lambda p: p.name):
        suffix = path.suffix.lower()
        if suffix not in READOUT_SUFFIXES or path.name.startswith("."):
            continue
        label = f"{seeds_dir.name}/{path.name}"
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            refused.append(ReadoutError(label, "symbolic link pointing outside the seeds folder"))
        elif path.is_symlink() and not path.exists():
            # is_file() is False for a dangling link, which would drop the readout unreported
            refused.append(ReadoutError(label, "broken symbolic link (its target does not exist)"))
        elif path.is_file():
            found.append(Candidate(path, label))
    return found, refused


def read_source(candidate: Candidate, overrides: dict | None = None) -> SourceText:
    """Read and decode one readout; raise ReadoutError with the reason when it is unusable.

    Its sidecar (NAME.yml beside it) gives the overrides, unless they are given (validated).
    """
    label = candidate.label
    try:
        size = candidate.path.stat().st_size
        if size > MAX_BYTES:
            raise ReadoutError(label, f"file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit")
        data = candidate.path.read_bytes()
    except OSError as exc:
        raise ReadoutError(label, f"cannot be read ({exc.strerror or exc})") from None
    text, encoding = decode(data, label)
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise ReadoutError(label, "file is empty" if not data else "file holds only whitespace")
    try:
        overrides = dict(overrides) if overrides is not None else read_sidecar(
            candidate.path.with_suffix(".yml"))
    except SidecarError as exc:
        raise ReadoutError(label, str(exc)) from None
    provenance = Provenance(
        file=label,
        sha256=hashlib.sha256(data).hexdigest(),
        url=overrides.pop("url", None),
        section=overrides.pop("section", None),
        retrieved=overrides.pop("retrieved", None),
    )
    return SourceText(
        provenance, text, encoding, READOUT_SUFFIXES[candidate.path.suffix.lower()], overrides
    )


def decode(data: bytes, label: str) -> tuple[str, str]:
    """Decode bytes by BOM, then UTF-16 shape, then UTF-8, then the common legacy encodings."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise ReadoutError(label, f"binary file ({kind}), not a readout")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _strict(data, encoding, label), encoding
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16, label), utf16
    if b"\x00" in data:
        raise ReadoutError(label, "binary file (contains NUL bytes), not a readout")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _mostly_utf8(data):
        raise ReadoutError(
            label, f"invalid UTF-8 at byte {utf8_error.start} (the file is damaged or mixes encodings)"
        )
    for encoding in ("gb18030", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and not _reads_as_chinese(text):
            continue  # stray legacy bytes (curly quotes) that happen to form GB18030 pairs
        return text, encoding
    return data.decode("latin-1"), "latin-1"


def _strict(data: bytes, encoding: str, label: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadoutError(label, f"not valid {encoding} at byte {exc.start}") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of Latin script has a NUL in every other byte; tell which half."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def _reads_as_chinese(text: str) -> bool:
    """Chinese text runs Han characters together; mis-decoded Western bytes leave them isolated."""
    han = re.findall(r"[\u4e00-\u9fff]+", text)
    in_runs = sum(len(run) for run in han if len(run) > 1)
    return in_runs >= 2 and in_runs >= 0.5 * sum(len(run) for run in han)


def _mostly_utf8(data: bytes) -> bool:
    """True when the bytes are UTF-8 but for a few damaged spots, rather than a legacy encoding."""
    valid_multibyte = len(re.findall(rb"[\xc2-\xf4][\x80-\xbf]+", data))
    text = data.decode("utf-8", errors="replace")
    return valid_multibyte > 0 and text.count("\ufffd") <= valid_multibyte
