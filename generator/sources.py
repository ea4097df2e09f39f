"""Find readout files, decode them whatever their encoding, and record where they came from.

Readouts arrive copied from browsers and saved by many hands, so this stage is defensive: every
problem with one file becomes a `ReadoutError` naming that file, never an exception that stops the
others.
"""

from __future__ import annotations

import codecs
import hashlib
import os
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


SIDECAR_SUFFIX = ".yml"


@dataclass(frozen=True)
class SeedWarning:
    """Something in the seeds folder a curator should look at that costs no readout its page."""

    file: str
    reason: str


@dataclass(frozen=True)
class Candidate:
    """A file in the seeds folder that looks like a readout, before it is read."""

    path: Path
    label: str  # how reports and provenance name it: "seeds/NAME.txt"
    sidecar: Path | None = None  # its NAME.yml, when the readout has one of its own

    @classmethod
    def alone(cls, path: Path) -> "Candidate":
        """A readout read by itself (explain, evaluate), with the NAME.yml beside it if any."""
        sidecar = path.with_suffix(SIDECAR_SUFFIX)
        return cls(path, path.name, sidecar if sidecar.is_file() or sidecar.is_symlink() else None)


def seeds_label(seeds_dir: Path) -> str:
    """The seeds folder's name as provenance gives it, however the path was spelled."""
    return Path(os.path.abspath(seeds_dir)).name


def find_readouts(seeds_dir: Path) -> tuple[list[Candidate], list[ReadoutError | SeedWarning]]:
    """Readout files directly in `seeds_dir` with their sidecars, sorted by name; and problems.

    Links that leave the folder, loop or dangle are refused; a link to another readout of the
    folder is skipped (the real file is read once, under its own name).
    """
    root = seeds_dir.resolve()
    folder = seeds_label(seeds_dir)
    readouts: list[Candidate] = []
    problems: list[ReadoutError | SeedWarning] = []
    stems: dict[str, list[Candidate]] = {}
    sidecars: dict[str, Path] = {}
    for path in sorted(seeds_dir.iterdir(), key=lambda p: p.name):
        if path.name.startswith("."):
            continue
        label = f"{folder}/{path.name}"
        suffix = path.suffix.lower()
        if suffix in (".yml", ".yaml"):
            if path.suffix == SIDECAR_SUFFIX:
                sidecars[path.stem] = path
            else:
                problems.append(SeedWarning(label, f"not read: a sidecar is named NAME.yml; rename "
                                                   f"it to {path.stem}{SIDECAR_SUFFIX}"))
            continue
        if suffix not in READOUT_SUFFIXES:
            continue
        stems.setdefault(path.stem, [])
        try:
            problem = _refusal(path, root, folder)
        except (OSError, RuntimeError) as exc:
            problem = ReadoutError(label, f"cannot be read ({getattr(exc, 'strerror', None) or exc})")
        if problem is None:
            candidate = Candidate(path, label)
            readouts.append(candidate)
            stems[path.stem].append(candidate)
        elif problem:
            problems.append(problem)
    found = []
    for candidate in readouts:
        sidecar = sidecars.get(candidate.path.stem)
        claimants = stems[candidate.path.stem]
        if sidecar is not None and len(claimants) > 1:
            others = ", ".join(c.path.name for c in claimants if c is not candidate)
            problems.append(SeedWarning(candidate.label, f"sidecar {sidecar.name} not applied: "
                                        f"{others} has the same name; give each readout its own"))
            sidecar = None
        found.append(Candidate(candidate.path, candidate.label, sidecar))
    for stem, sidecar in sidecars.items():
        if stem not in stems:
            problems.append(SeedWarning(
                f"{folder}/{sidecar.name}", "sidecar with no readout beside it (no "
                + ", ".join(f"{stem}{s}" for s in READOUT_SUFFIXES) + "); not read"))
    return found, problems


def _refusal(path: Path, root: Path, folder: str) -> ReadoutError | SeedWarning | bool | None:
    """Why a readout-named entry is not read: a problem, False to pass over it, None to read it."""
    label = f"{folder}/{path.name}"
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except FileNotFoundError:
            # is_file() is False for a dangling link, which would drop the readout unreported
            return ReadoutError(label, "broken symbolic link (its target does not exist)")
        except (OSError, RuntimeError):
            return ReadoutError(label, "symbolic link loop (the link leads back to itself)")
        if not target.is_relative_to(root):
            return ReadoutError(label, "symbolic link pointing outside the seeds folder")
        if (target.parent == root and target.suffix.lower() in READOUT_SUFFIXES
                and not target.name.startswith(".") and target.is_file()):
            return SeedWarning(label, f"symbolic link to {folder}/{target.name}; that file is "
                                      "read once, under its own name")
    if path.is_dir():
        return False  # a folder named like a readout: not a readout
    if not path.is_file():
        return ReadoutError(label, "not a regular file (a pipe, socket or device)")
    return None


def read_source(candidate: Candidate, overrides: dict | None = None) -> SourceText:
    """Read and decode one readout; raise ReadoutError with the reason when it is unusable.

    Its sidecar (the candidate's NAME.yml) gives the overrides, unless they are given (validated).
    """
    label = candidate.label
    try:
        size = candidate.path.stat().st_size
        if size > MAX_BYTES:
            raise ReadoutError(label, f"file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit")
        data = candidate.path.read_bytes()
    except OSError as exc:
        raise ReadoutError(label, f"cannot be read ({exc.strerror or exc})") from None
    text, encoding, note = decode(data, label)
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise ReadoutError(label, "file is empty" if not data else "file holds only whitespace")
    try:
        overrides = dict(overrides) if overrides is not None else (
            read_sidecar(candidate.sidecar, within=candidate.path.parent) if candidate.sidecar
            else {})
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
        provenance, text, encoding, READOUT_SUFFIXES[candidate.path.suffix.lower()], overrides,
        warnings=(note,) if note else (),
    )


def decode(data: bytes, label: str) -> tuple[str, str, str | None]:
    """Decode bytes by BOM, then UTF-16 shape, then UTF-8, then the likeliest legacy encoding.

    Returns the text, the encoding, and a note for the report when the encoding had to be guessed
    or some bytes repaired (None when the bytes said what they were).
    """
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise ReadoutError(label, f"binary file ({kind}), not a readout")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _strict(data, encoding, label), encoding, None
    utf16 = _utf16_without_bom(data)
    if utf16:
        return (_strict(data, utf16, label), utf16,
                f"no byte-order mark: read as {utf16.upper()} from the shape of its bytes")
    if b"\x00" in data:
        raise ReadoutError(label, "binary file (contains NUL bytes), not a readout")
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as exc:
        first_stray = exc.start
    if _mostly_utf8(data):
        return data.decode("utf-8", errors=_STRAY_BYTES), "utf-8", (
            f"not all UTF-8: stray bytes from byte {first_stray:,} on were read as Windows-1252 "
            "(’ “ é …) or, where that made no sense, replaced by �; check the text and save the "
            "file as UTF-8")
    return _guess_legacy(data)


# Encodings readouts come in when they are not Unicode: Western European, Chinese (mainland and
# traditional), Japanese, Korean and Cyrillic Windows and national encodings.
LEGACY_ENCODINGS = ("cp1252", "gb18030", "big5", "shift_jis", "euc_kr", "cp1251")


def _guess_legacy(data: bytes) -> tuple[str, str, str]:
    """Which legacy encoding reads the bytes as the most plausible text (charset-normalizer
    weighs each candidate's decoding by how language-like its characters are)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        return data.decode("cp1252", errors="replace"), "cp1252", (
            "not Unicode and no known encoding reads it cleanly: read as Windows-1252, "
            "unreadable bytes replaced by �; save the file as UTF-8")
    encoding = best.encoding
    return data.decode(encoding, errors="replace"), encoding, (
        f"not Unicode: read as {encoding.upper().replace('_', '-')}, the likeliest encoding "
        "(a guess); save the file as UTF-8 to be sure")


def _stray_byte(error: UnicodeDecodeError) -> tuple[str, int]:
    """A lone byte that is not UTF-8 is most often Windows-1252 (a curly quote or an accented
    letter pasted from another editor); a broken multi-byte sequence is damage."""
    bad = error.object[error.start:error.end]
    if len(bad) == 1:
        try:
            return bad.decode("cp1252"), error.end
        except UnicodeDecodeError:
            pass
    return "\ufffd", error.end


_STRAY_BYTES = "summit-stray-bytes"
codecs.register_error(_STRAY_BYTES, _stray_byte)


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


def _mostly_utf8(data: bytes) -> bool:
    """True when the bytes are UTF-8 but for a few damaged spots, rather than a legacy encoding."""
    valid_multibyte = len(re.findall(rb"[\xc2-\xf4][\x80-\xbf]+", data))
    text = data.decode("utf-8", errors="replace")
    return valid_multibyte > 0 and text.count("\ufffd") <= valid_multibyte
