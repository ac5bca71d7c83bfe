"""The content-addressed file store: typed by content, limited by kind, SM3-hashed on receipt in
chunks, stored once under its hash, registered in the ledger, and re-checked by verify_ledger."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import transaction

from zhifa.core import filestore, parameters
from zhifa.core.crypto import sm3_hex
from zhifa.core.models import LedgerEntry, StoredFile
from zhifa.org.models import User
from zhifa.testing import files
from zhifa.testing.ledger_guard import writes_around_services


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def sysadmin(db) -> User:
    return User.objects.get(username="sysadmin")


def store(actor, content: bytes, name: str = "证据") -> StoredFile:
    received = filestore.receive(files.upload(content, name))
    with transaction.atomic():
        return filestore.register(actor, received)


def refusal(content: bytes, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        filestore.receive(files.upload(content), **kwargs)
    return caught.value.message_dict["file"][0]


def on_disk(media: Path, sm3: str) -> Path:
    return media / filestore.name_for(sm3)


@pytest.mark.parametrize("expected", sorted(files.SAMPLES))
def test_it_recognises_each_accepted_format_by_its_content(db, expected):
    content = files.SAMPLES[expected]()
    received = filestore.receive(files.upload(content, name="未知.bin"))
    assert received.format.name == expected
    assert received.sm3 == sm3_hex(content) and received.size == len(content)


def test_the_file_name_does_not_decide_the_type(db):
    assert filestore.receive(files.upload(files.pdf(), "照片.jpg")).format.name == "PDF"
    assert "格式不支持" in refusal(b"<html><script>alert(1)</script></html>")


@pytest.mark.parametrize(
    "content",
    [
        files.plain_zip(),
        files.ole2("Workbook"),
        b"PK\x03\x04" + bytes(200),  # a ZIP header and no archive behind it
    ],
    ids=["zip-without-word-part", "ole2-spreadsheet", "broken-zip"],
)
def test_a_container_that_is_not_a_word_document_is_refused(db, content):
    assert refusal(content) == "文件不是有效的Word文档"


def test_android_audio_with_a_generic_brand_is_audio_and_heic_is_refused(db):
    assert filestore.receive(files.upload(files.android_m4a())).format.name == "M4A"
    assert filestore.receive(files.upload(files.mpeg_frames())).format.name == "MP3"
    assert "格式不支持" in refusal(files.heic())


def test_empty_and_missing_uploads_are_refused_in_chinese(db):
    assert refusal(b"") == "文件是空文件"
    with pytest.raises(ValidationError) as caught:
        filestore.receive(None, field="upload", label="证据文件")
    assert caught.value.message_dict == {"upload": ["请选择证据文件"]}


def test_a_kind_not_wanted_here_is_refused(db):
    message = refusal(files.mp4(), kinds=[filestore.Kind.DOCUMENT, filestore.Kind.IMAGE])
    assert message == "文件须为文档、图片，收到的是MP4"


def test_each_kind_has_its_own_size_limit_set_as_a_parameter(sysadmin, media):
    parameters.set_value(sysadmin, "core.filestore.max_mb.image", 1)
    big_picture = files.jpeg() + bytes(1024 * 1024)
    assert refusal(big_picture) == "文件（图片）不能超过1MB"
    assert not any(media.rglob("*")), "nothing stored"
    big_pdf = files.pdf() + bytes(1024 * 1024)
    assert filestore.receive(files.upload(big_pdf)).format.name == "PDF"


def test_an_upload_larger_than_declared_limit_is_refused_before_reading_it(db, monkeypatch):
    monkeypatch.setattr(filestore, "limit_bytes", lambda kind: 1000)
    upload = files.upload(files.mp4() + bytes(2000))
    with pytest.raises(ValidationError, match="不能超过"):
        filestore.receive(upload)


def test_it_stores_the_bytes_unchanged_under_their_sm3_and_registers_them(sysadmin, media):
    content = files.jpeg() + b"<!-- kept as received -->"
    stored = store(sysadmin, content)
    assert on_disk(media, stored.sm3).read_bytes() == content
    assert (stored.sm3, stored.size, stored.format) == (sm3_hex(content), len(content), "JPEG")
    entry = LedgerEntry.objects.get(action=filestore.RECEIVE_ACTION, object_id=stored.sm3)
    assert json.loads(entry.payload.body)["after"]["sm3"] == stored.sm3


def test_the_same_content_is_stored_and_registered_once(sysadmin, media, monkeypatch):
    first = store(sysadmin, files.pdf())
    saves = []
    original = filestore.storage().save
    monkeypatch.setattr(
        filestore.storage(), "save", lambda *a, **k: saves.append(a) or original(*a, **k)
    )
    again = store(sysadmin, files.pdf(), name="另一个名字.pdf")
    assert again.pk == first.pk and saves == []
    assert LedgerEntry.objects.filter(object_id=first.sm3).count() == 1
    assert len([p for p in media.rglob("*") if p.is_file()]) == 1


def test_a_file_left_by_a_change_that_did_not_commit_is_written_over(sysadmin, media):
    filestore.receive(files.upload(files.pdf()))  # stored, never registered
    orphan = on_disk(media, sm3_hex(files.pdf()))
    orphan.write_bytes(b"garbage")
    stored = store(sysadmin, files.pdf())
    assert on_disk(media, stored.sm3).read_bytes() == files.pdf()


def test_a_large_upload_is_read_in_chunks_and_never_held_in_memory(db, media):
    """A video of 24 MB (a 2 GB one behaves alike): every read asks for at most one chunk, and
    the memory taken while receiving stays within a few chunks."""
    size = 24 * 1024 * 1024
    upload = files.large_upload(files.mp4(), size)
    reads: list[int | None] = []
    underlying = upload.file.read

    def counted(n: int | None = -1) -> bytes:
        reads.append(n)
        return underlying(n)

    upload.file.read = counted
    tracemalloc.start()
    try:
        received = filestore.receive(upload)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        upload.close()  # as Django closes a request's uploads (the file was moved into the store)
    assert received.size == size and received.format.name == "MP4"
    assert reads and all(n is not None and 0 < n <= filestore.CHUNK_SIZE for n in reads)
    assert peak < 4 * filestore.CHUNK_SIZE, f"peak {peak} bytes"
    assert on_disk(media, received.sm3).stat().st_size == size


def test_a_plain_file_object_is_read_in_chunks_too(db):
    content = files.wav() + bytes(3 * filestore.CHUNK_SIZE)

    class Stream:
        def __init__(self) -> None:
            self.offset = 0
            self.sizes: list[int] = []

        def read(self, n: int = -1) -> bytes:
            assert 0 < n <= filestore.CHUNK_SIZE, "never read whole"
            self.sizes.append(n)
            block = content[self.offset : self.offset + n]
            self.offset += len(block)
            return block

    stream = Stream()
    assert filestore.receive(stream).sm3 == sm3_hex(content)
    assert len(stream.sizes) >= 4


def test_verify_ledger_finds_a_stored_file_changed_by_one_byte(sysadmin, media, capsys):
    kept = store(sysadmin, files.docx())
    changed = store(sysadmin, files.jpeg())
    call_command("verify_ledger")
    out = capsys.readouterr().out
    assert "存证文件完整" in out and "台账完整" in out
    path = on_disk(media, changed.sm3)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="1个文件被改动或缺失"):
        call_command("verify_ledger")
    err = capsys.readouterr().err
    assert filestore.name_for(changed.sm3) in err and "文件内容已被改动" in err
    assert kept.sm3 not in err


def test_verify_ledger_finds_a_removed_file_and_reports_json(sysadmin, media, capsys):
    stored = store(sysadmin, files.amr())
    on_disk(media, stored.sm3).unlink()
    with pytest.raises(CommandError):
        call_command("verify_ledger", "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True, "the chain itself holds"
    assert report["files"]["problems"] == [
        {"sm3": stored.sm3, "name": filestore.name_for(stored.sm3), "problem": "文件缺失"}
    ]
    call_command("verify_ledger", "--skip-files")  # the chain alone still verifies


def test_verification_trusts_the_chain_not_the_table(sysadmin, media):
    """Changing the table's SM3 to match a tampered file does not hide it: the ledger names it."""
    stored = store(sysadmin, files.pdf())
    forged = b"%PDF-1.4 forged"
    on_disk(media, stored.sm3).write_bytes(forged)
    with writes_around_services("an intruder rewrites the table to match the forged file"):
        StoredFile.objects.filter(pk=stored.pk).update(sm3=sm3_hex(forged))
    result = filestore.verify_files(workers=1)
    assert [sm3 for sm3, _ in result.problems] == [stored.sm3]


def test_a_changed_file_is_never_opened_for_reading(sysadmin, media):
    stored = store(sysadmin, files.mp3())
    with filestore.open_verified(stored) as handle:
        assert handle.read() == files.mp3()
    on_disk(media, stored.sm3).write_bytes(files.mp3()[:-1])
    with pytest.raises(filestore.FileProblem, match="存证文件校验未通过：文件内容已被改动"):
        filestore.open_verified(stored)
