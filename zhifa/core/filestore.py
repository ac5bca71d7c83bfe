"""Files stored by their content (evidence: documents, photos, audio, video), hashed on receipt.

An upload is read in chunks, never whole (a 2 GB video is never held in memory): each chunk is
hashed with SM3 (GB/T 32905, :mod:`zhifa.core.crypto`) and written to a temporary file as it
arrives. The type is recognised by the content's magic bytes, never by the file's name; each kind
has its own size limit (a business parameter, in MB). The file is then stored through Django's
storage API under its own SM3 (``sm3/ab/cd/abcd…``), so the same content is stored once; the
storage is the ``filestore`` entry of ``STORAGES`` (the file system under ``MEDIA_ROOT`` by default,
any S3-compatible object store such as MinIO by setting ``FILE_STORE_BACKEND`` and
``FILE_STORE_OPTIONS``; see ``zhifa/settings.py``).

Unlike pictures of people (:mod:`zhifa.core.images`, re-encoded to strip what rode along), evidence
is kept byte for byte as received: changing it would change what was collected. Its safety comes
from being served only as a download (``Content-Disposition: attachment``, ``nosniff``).

The ledger holds each stored file's SM3 (architecture invariant 2, and the Certificate Transparency
pattern: hashes in the chain, content outside it): :func:`register` writes a ``core.storedfile.
receive`` entry whose object id is the SM3, and :func:`verify_files` re-hashes every file those
entries name, so ``manage.py verify_ledger`` finds a stored file changed or removed on disk.
"""

from __future__ import annotations

import hashlib
import itertools
import zipfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.db import transaction

from zhifa.core import images, ledger, parameters
from zhifa.core.models import LedgerEntry, StoredFile
from zhifa.core.parameters import Definition, declare

#: Bytes read at a time, when receiving and when re-hashing: the memory an upload may take.
CHUNK_SIZE = 1024 * 1024
#: How much of the start of a file the type is recognised from.
HEAD_SIZE = 64
RECEIVE_ACTION = "core.storedfile.receive"
STORAGE_ALIAS = "filestore"

Kind = StoredFile.Kind
ALL_KINDS: tuple[str, ...] = tuple(Kind.values)

LIMITS = {
    Kind.DOCUMENT: declare(
        Definition(
            key="core.filestore.max_mb.document",
            label="证据文件大小上限：文档（MB）",
            default=100,
            kind=int,
            minimum=1,
            maximum=10240,
            source="本平台默认值（PDF、Word文档）；可按存储容量调整",
        )
    ),
    Kind.IMAGE: declare(
        Definition(
            key="core.filestore.max_mb.image",
            label="证据文件大小上限：图片（MB）",
            default=50,
            kind=int,
            minimum=1,
            maximum=10240,
            source="本平台默认值（JPEG、PNG照片，原样保存）",
        )
    ),
    Kind.AUDIO: declare(
        Definition(
            key="core.filestore.max_mb.audio",
            label="证据文件大小上限：音频（MB）",
            default=500,
            kind=int,
            minimum=1,
            maximum=102400,
            source="本平台默认值（MP3、M4A、AMR、WAV录音）",
        )
    ),
    Kind.VIDEO: declare(
        Definition(
            key="core.filestore.max_mb.video",
            label="证据文件大小上限：视频（MB）",
            default=4096,
            kind=int,
            minimum=1,
            maximum=102400,
            source="本平台默认值（MP4、MOV执法记录仪视频，可达数GB）",
        )
    ),
}


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    content_type: str
    kind: str


PDF = Format("PDF", "pdf", "application/pdf", Kind.DOCUMENT)
DOC = Format("DOC", "doc", "application/msword", Kind.DOCUMENT)
DOCX = Format(
    "DOCX",
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Kind.DOCUMENT,
)
JPEG = Format("JPEG", "jpg", "image/jpeg", Kind.IMAGE)
PNG = Format("PNG", "png", "image/png", Kind.IMAGE)
MP3 = Format("MP3", "mp3", "audio/mpeg", Kind.AUDIO)
M4A = Format("M4A", "m4a", "audio/mp4", Kind.AUDIO)
AMR = Format("AMR", "amr", "audio/amr", Kind.AUDIO)
WAV = Format("WAV", "wav", "audio/wav", Kind.AUDIO)
MP4 = Format("MP4", "mp4", "video/mp4", Kind.VIDEO)
MOV = Format("MOV", "mov", "video/quicktime", Kind.VIDEO)
FORMATS = (PDF, DOC, DOCX, JPEG, PNG, MP3, M4A, AMR, WAV, MP4, MOV)
BY_NAME = {f.name: f for f in FORMATS}

ACCEPTED = "PDF、Word文档（DOC/DOCX）、JPEG/PNG图片、MP3/M4A/AMR/WAV音频、MP4/MOV视频"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"M4P "}
_VIDEO_BRANDS = {
    b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"MSNV", b"M4V ",
    b"3gp4", b"3gp5", b"3gp6", b"3g2a", b"dash", b"mmp4", b"f4v ",
}  # fmt: skip
_QUICKTIME_ATOMS = {b"moov", b"mdat", b"wide", b"pnot"}


def _mpeg_layer3_frame(head: bytes) -> bool:
    """An MPEG audio frame header: 11 sync bits, not the reserved version, layer III."""
    if len(head) < 2 or head[0] != 0xFF:
        return False
    second = head[1]
    return second & 0xE0 == 0xE0 and second & 0x18 != 0x08 and second & 0x06 == 0x02


def _from_head(head: bytes) -> Format | None:
    """The format the first bytes announce; DOC and DOCX containers are confirmed afterwards."""
    picture = images.image_format(head)
    if picture is not None:
        return JPEG if picture[0] == "jpg" else PNG
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(_OLE2):
        return DOC
    if head.startswith(_ZIP):
        return DOCX
    if head.startswith((b"#!AMR\n", b"#!AMR-WB\n", b"#!AMR_MC1.0\n")):
        return AMR
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return WAV
    if head.startswith(b"ID3") or _mpeg_layer3_frame(head):
        return MP3
    if head[4:8] == b"ftyp":
        box = head[: min(int.from_bytes(head[:4], "big"), len(head))]
        brands = {head[8:12]} | {box[i : i + 4] for i in range(16, len(box) - 3, 4)}
        if brands & _AUDIO_BRANDS:
            return M4A
        if head[8:12] == b"qt  ":
            return MOV
        if brands & _VIDEO_BRANDS:
            return MP4
        return None
    if head[4:8] in _QUICKTIME_ATOMS:
        return MOV
    return None


def _is_word_container(found: Format, path: str) -> bool:
    """A ZIP is a DOCX only with a Word document part; an OLE2 file is a DOC only with a
    ``WordDocument`` stream (not a spreadsheet, an installer, an e-mail)."""
    if found is DOCX:
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
        return "[Content_Types].xml" in names and "word/document.xml" in names
    needle = "WordDocument".encode("utf-16-le")
    tail = b""
    with open(path, "rb") as handle:
        while block := handle.read(CHUNK_SIZE):
            if needle in tail + block:
                return True
            tail = block[-len(needle) :]
    return False


def limit_bytes(kind: str) -> int:
    return int(parameters.get(LIMITS[kind].key)) * 1024 * 1024


def storage() -> Storage:
    return storages[STORAGE_ALIAS]


def name_for(sm3: str) -> str:
    """Where the content with this SM3 is stored: a name derived from the hash alone."""
    return f"sm3/{sm3[:2]}/{sm3[2:4]}/{sm3}"


@dataclass(frozen=True)
class Received:
    """An upload accepted and stored (not yet registered: see :func:`register`)."""

    sm3: str
    size: int
    format: Format
    name: str
    original_name: str


def _chunks(upload: Any) -> Iterator[bytes]:
    if hasattr(upload, "chunks"):
        yield from upload.chunks(CHUNK_SIZE)
        return
    if hasattr(upload, "seek"):
        upload.seek(0)
    while block := upload.read(CHUNK_SIZE):
        yield block


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _megabytes(limit: int) -> str:
    return f"{limit // (1024 * 1024)}MB"


def receive(
    upload: Any, *, kinds: Iterable[str] = ALL_KINDS, field: str = "file", label: str = "文件"
) -> Received:
    """Read an upload (a Django ``UploadedFile`` or any file-like object) chunk by chunk, SM3-hash
    it, check its type by content and its size against its kind's limit, and store it under its
    hash (once: the same content already registered is not written again). Anything refused is a
    ValidationError on ``field`` with a Chinese message, and nothing is stored."""
    if upload is None:
        raise _refuse(field, f"请选择{label}")
    kinds = tuple(kinds)
    digest = hashlib.new("sm3")
    size = 0
    found: Format | None = None
    limit = 0
    head = b""
    in_place = hasattr(upload, "temporary_file_path")  # Django already streamed it to disk
    spool = None if in_place else TemporaryUploadedFile("upload", "", 0, None)
    try:
        for block in _chunks(upload):
            if found is None:
                head += block[:HEAD_SIZE]
                if len(head) < HEAD_SIZE:
                    size += len(block)
                    digest.update(block)
                    if spool is not None:
                        spool.write(block)
                    continue
                found, limit = _check_head(head, kinds, field, label, getattr(upload, "size", 0))
            size += len(block)
            if size > limit:
                raise _refuse(field, _too_large(label, found, limit))
            digest.update(block)
            if spool is not None:
                spool.write(block)
        if size == 0:
            raise _refuse(field, f"{label}是空文件")
        if found is None:  # shorter than HEAD_SIZE
            found, limit = _check_head(head, kinds, field, label, size)
        if spool is not None:
            spool.flush()
        path = upload.temporary_file_path() if in_place else spool.temporary_file_path()
        if found in (DOC, DOCX) and not _is_word_container(found, path):
            raise _refuse(field, f"{label}不是有效的Word文档")
        sm3 = digest.hexdigest()
        name = name_for(sm3)
        if not StoredFile.objects.filter(sm3=sm3).exists():
            source = upload if in_place else spool
            source.seek(0)
            saved = storage().save(name, source)  # the file system moves the temporary file
            if saved != name:
                raise RuntimeError(f"the file store renamed {name} to {saved}: allow overwriting")
    finally:
        if spool is not None:
            spool.close()
    return Received(sm3, size, found, name, str(getattr(upload, "name", "") or ""))


def _check_head(
    head: bytes, kinds: tuple[str, ...], field: str, label: str, declared: int | None
) -> tuple[Format, int]:
    found = _from_head(head)
    if found is None:
        raise _refuse(field, f"{label}的格式不支持（按文件内容识别），只接受{ACCEPTED}")
    if found.kind not in kinds:
        wanted = "、".join(Kind(k).label for k in kinds)
        raise _refuse(field, f"{label}须为{wanted}，收到的是{found.name}")
    limit = limit_bytes(found.kind)
    if declared and declared > limit:
        raise _refuse(field, _too_large(label, found, limit))
    return found, limit


def _too_large(label: str, found: Format, limit: int) -> str:
    return f"{label}（{Kind(found.kind).label}）不能超过{_megabytes(limit)}"


def register(actor: Any, received: Received) -> StoredFile:
    """The stored file's row, created with its ledger entry (SM3, size, format) the first time
    this content is received; must run inside the transaction of the change that uses it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("filestore.register must run inside the transaction of its change")
    stored, created = StoredFile.objects.get_or_create(
        sm3=received.sm3,
        defaults={
            "size": received.size,
            "kind": received.format.kind,
            "format": received.format.name,
            "content_type": received.format.content_type,
            "name": received.name,
        },
    )
    if created:
        ledger.append(
            actor=actor,
            action=RECEIVE_ACTION,
            object_type="core.storedfile",
            object_id=stored.sm3,
            after=ledger.snapshot(stored),
        )
    return stored


# --- reading back, verifying ---


class FileProblem(Exception):
    """A stored file is missing or its content no longer has the SM3 it was received with."""

    def __init__(self, sm3: str, message: str) -> None:
        super().__init__(message)
        self.sm3 = sm3
        self.message = message


def _rehash(handle: BinaryIO) -> str:
    digest = hashlib.new("sm3")
    while block := handle.read(CHUNK_SIZE):
        digest.update(block)
    return digest.hexdigest()


def check(sm3: str) -> str:
    """What is wrong with the stored file of this SM3, in Chinese; empty if it still matches."""
    try:
        with storage().open(name_for(sm3), "rb") as handle:
            found = _rehash(handle)
    except (FileNotFoundError, OSError):
        return "文件缺失"
    if found != sm3:
        return f"文件内容已被改动（现SM3 {found}）"
    return ""


def open_verified(stored: StoredFile) -> BinaryIO:
    """The stored file opened for reading, after re-hashing it: a file changed or missing raises
    :class:`FileProblem` instead of being served."""
    problem = check(stored.sm3)
    if problem:
        raise FileProblem(stored.sm3, f"存证文件校验未通过：{problem}，已拒绝提供")
    return storage().open(name_for(stored.sm3), "rb")


@dataclass(frozen=True)
class FilesVerification:
    checked: int
    problems: list[tuple[str, str]]  # (sm3, problem)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checked": self.checked,
            "problems": [{"sm3": h, "name": name_for(h), "problem": p} for h, p in self.problems],
        }


def verify_files(workers: int = 2) -> FilesVerification:
    """Re-hash every stored file the ledger registered (the SM3 in the chain, not this table):
    each file read once, in chunks, ``workers`` at a time (hashing releases the interpreter)."""
    hashes = (
        LedgerEntry.objects.filter(action=RECEIVE_ACTION, object_type="core.storedfile")
        .order_by("seq")
        .values_list("object_id", flat=True)
        .iterator(chunk_size=2000)
    )
    checked = 0
    problems: list[tuple[str, str]] = []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        while batch := list(itertools.islice(hashes, 500)):  # bounded, for stores of millions
            for sm3, problem in zip(batch, pool.map(check, batch), strict=True):
                checked += 1
                if problem:
                    problems.append((sm3, problem))
    return FilesVerification(checked, problems)
