"""Small files of every format the file store accepts, built in the test (no fixtures on disk),
and large uploads written to disk chunk by chunk (never built in memory)."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from PIL import Image


def pdf(text: str = "询问笔录") -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\n%" + text.encode("utf-8") + b"\n%%EOF\n"


def jpeg(colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="JPEG")
    return out.getvalue()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 90, 200)).save(out, format="PNG")
    return out.getvalue()


def docx(text: str = "现场笔录") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document>{text}</w:document>")
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "not a Word document")
    return out.getvalue()


def ole2(stream: str = "WordDocument") -> bytes:
    """An OLE2 compound file header and a directory entry named ``stream``."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return header + stream.encode("utf-16-le") + bytes(100)


def mp3() -> bytes:
    return b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + bytes(400)


def mpeg_frames() -> bytes:
    return b"\xff\xfb\x90\x64" + bytes(400)


def _ftyp(major: bytes, *compatible: bytes) -> bytes:
    body = major + b"\x00\x00\x02\x00" + b"".join(compatible)
    return (8 + len(body)).to_bytes(4, "big") + b"ftyp" + body + bytes(200)


def m4a() -> bytes:
    return _ftyp(b"M4A ", b"M4A ", b"mp42", b"isom")


def android_m4a() -> bytes:
    """A recorder's audio with a generic major brand and M4A among the compatible brands."""
    return _ftyp(b"mp42", b"isom", b"M4A ")


def mp4() -> bytes:
    return _ftyp(b"isom", b"isom", b"iso2", b"avc1", b"mp41")


def mov() -> bytes:
    return _ftyp(b"qt  ", b"qt  ")


def heic() -> bytes:
    return _ftyp(b"heic", b"mif1", b"heic")


def amr() -> bytes:
    return b"#!AMR\n" + bytes(300)


def wav() -> bytes:
    return b"RIFF" + (36).to_bytes(4, "little") + b"WAVEfmt " + bytes(300)


SAMPLES = {
    "PDF": pdf,
    "DOC": ole2,
    "DOCX": docx,
    "JPEG": jpeg,
    "PNG": png,
    "MP3": mp3,
    "M4A": m4a,
    "AMR": amr,
    "WAV": wav,
    "MP4": mp4,
    "MOV": mov,
}


def upload(content: bytes, name: str = "证据") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def large_upload(head: bytes, size: int, name: str = "执法记录仪.mp4") -> TemporaryUploadedFile:
    """An upload of ``size`` bytes starting with ``head``, as Django keeps a large upload: in a
    temporary file on disk, written here 1 MB at a time."""
    upload = TemporaryUploadedFile(name, "video/mp4", size, None)
    upload.write(head)
    block = bytes(range(256)) * 4096
    left = size - len(head)
    while left > 0:
        upload.write(block[: min(left, len(block))])
        left -= len(block)
    upload.flush()
    upload.seek(0)
    return upload
