"""Evidence for a proposed closure: references and uploaded files.

A position's ``evidence`` cell holds one item per line: a reference as typed (an address, a
document reference), or a stored file as ``evidence/<sha256>.<ext>``. Uploaded files are kept in
the data folder under their content's SHA-256, so the same file is stored once and any change to
it shows. A file is accepted only when its bytes are one of the allowed types (the name's
extension is not trusted), no bigger than ``MAX_BYTES``; it is never opened, run or shown inline
by the app, only offered back as a download under a safe name.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from oversight import records

FOLDER = "evidence"
MAX_BYTES = 10 * 1024 * 1024
MAX_REFERENCE = 500
FILE_ITEM = re.compile(r"^evidence/([0-9a-f]{64})\.(pdf|docx|xlsx|png|jpg|txt)$")
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpg": "image/jpeg",
    "txt": "text/plain",
}
TYPE_WORDS = "PDF, DOCX, XLSX, PNG, JPEG or plain text"


class EvidenceRefused(ValueError):
    """An uploaded file that cannot be kept as evidence, with the reason in words."""


@dataclass(frozen=True)
class StoredFile:
    item: str  # evidence/<sha256>.<ext>, as written in the evidence cell
    sha256: str
    ext: str
    original_name: str


def kind_of(data: bytes) -> str | None:
    """The file's type by its bytes: pdf, docx, xlsx, png, jpg, txt, or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = {n.lower() for n in zf.namelist()}
        except zipfile.BadZipFile:
            return None
        if any(n.endswith("vbaproject.bin") for n in names):
            return None  # macros: never kept
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return None
    if b"\x00" in data:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "txt"


def store(data_dir: Path, name: str, data: bytes) -> StoredFile:
    """Keep an uploaded file as evidence (once per content), or EvidenceRefused."""
    if not data:
        raise EvidenceRefused(f"{PurePath(name).name}: the file is empty")
    if len(data) > MAX_BYTES:
        raise EvidenceRefused(
            f"{PurePath(name).name}: {len(data) / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_BYTES // 1024 // 1024} MB"
        )
    ext = kind_of(data)
    if ext is None:
        raise EvidenceRefused(f"{PurePath(name).name}: not a {TYPE_WORDS} file")
    digest = hashlib.sha256(data).hexdigest()
    folder = Path(data_dir) / FOLDER
    folder.mkdir(exist_ok=True)
    path = folder / f"{digest}.{ext}"
    if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
        records.atomic_write(path, data)
    return StoredFile(f"{FOLDER}/{digest}.{ext}", digest, ext, PurePath(name).name)


def items(cell: object) -> list[str]:
    """The evidence items of a cell: one per line, blank lines dropped."""
    if cell is None or not isinstance(cell, str):
        return []
    return [line.strip() for line in cell.splitlines() if line.strip()]


def cell(references: list[str], files: list[StoredFile]) -> str | None:
    """The evidence cell for a proposal: references first, then the stored files."""
    out = []
    for reference in references:
        text = " ".join(str(reference).split())
        if text:
            out.append(text[:MAX_REFERENCE])
    out += [f.item for f in files]
    return "\n".join(out) or None


def file_problems(data_dir: Path, cell_value: object) -> list[str]:
    """What is wrong with the files a cell names: missing, or not the content its name hashes."""
    problems = []
    for item in items(cell_value):
        match = FILE_ITEM.match(item)
        if item.startswith(f"{FOLDER}/") and match is None:
            problems.append(f"{item}: not an evidence file name (evidence/<sha256>.<type>)")
            continue
        if match is None:
            continue
        path = Path(data_dir) / item
        if not path.is_file():
            problems.append(f"{item}: the evidence file is missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != match.group(1):
            problems.append(f"{item}: the evidence file has changed since it was recorded")
    return problems


def download_name(item: str, rec_id: str) -> str:
    """A safe name to offer a stored file under: the finding and the first 12 hex digits."""
    match = FILE_ITEM.match(item)
    if match is None:
        raise ValueError(f"not an evidence file: {item!r}")
    slug = re.sub(r"[^A-Za-z0-9-]+", "-", rec_id).strip("-") or "finding"
    return f"evidence-{slug}-{match.group(1)[:12]}.{match.group(2)}"


def read(data_dir: Path, item: str) -> bytes:
    """A stored file's bytes, checked against its hash."""
    match = FILE_ITEM.match(item)
    if match is None:
        raise ValueError(f"not an evidence file: {item!r}")
    data = (Path(data_dir) / item).read_bytes()
    if hashlib.sha256(data).hexdigest() != match.group(1):
        raise ValueError(f"{item}: the evidence file has changed since it was recorded")
    return data
