"""The evidence file store's cost and memory, as ratios against a bare SM3 pass (never a timed test).

- receive: one large upload (as Django keeps it: a temporary file on disk) received, typed,
  SM3-hashed and moved into the store, against reading the same file once and hashing it with
  SM3 — what the store adds to the hash it must compute anyway; and the peak memory it took
  (Python allocations, by tracemalloc), which must stay near one chunk whatever the size;
- verify: ``verify_files`` re-hashing every stored file the ledger registered (the large one and
  ``--files`` small ones), against the same bare pass over the same bytes.

Run: ``.venv/bin/python benchmarks/filestore.py [--mb 1024] [--files 1000]``. It uses its own
throw-away database and media directory.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
_tmp = tempfile.mkdtemp(prefix="zhifa-bench-")
os.environ.setdefault("ZHIFA_VAR_DIR", _tmp)
os.environ["MEDIA_ROOT"] = str(Path(_tmp) / "media")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from zhifa.core import filestore  # noqa: E402

MP4_HEAD = (32).to_bytes(4, "big") + b"ftypisom\x00\x00\x02\x00isomiso2avc1mp41"


def large_upload(megabytes: int) -> TemporaryUploadedFile:
    upload = TemporaryUploadedFile("bodycam.mp4", "video/mp4", megabytes * 2**20, None)
    block = os.urandom(2**20)
    upload.write(MP4_HEAD + block[len(MP4_HEAD) :])
    for i in range(1, megabytes):
        upload.write(block[:-8] + i.to_bytes(8, "big"))
    upload.flush()
    upload.seek(0)
    return upload


def bare_sm3(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        digest = hashlib.new("sm3")
        with open(path, "rb") as handle:
            while block := handle.read(filestore.CHUNK_SIZE):
                digest.update(block)
    return time.perf_counter() - start


def store(upload) -> filestore.Received:
    received = filestore.receive(upload)
    with transaction.atomic():
        filestore.register(None, received)
    return received


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=1024, help="size of the large upload")
    parser.add_argument("--files", type=int, default=1000, help="small files of 64 KB")
    args = parser.parse_args()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        upload = large_upload(args.mb)
        copy = Path(_tmp) / "baseline.bin"
        shutil.copyfile(upload.temporary_file_path(), copy)
        bare = bare_sm3([copy])
        tracemalloc.start()
        start = time.perf_counter()
        received = store(upload)
        took = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        upload.close()
        copy.unlink()
        print(
            f"receive {args.mb} MB: {took:.1f} s, {took / bare:.2f}x a bare SM3 pass ({bare:.1f} s)"
        )
        print(f"  peak Python memory while receiving: {peak / 2**20:.1f} MB")
        for i in range(args.files):
            store(
                SimpleUploadedFile(
                    "p.pdf", b"%PDF-1.4\n" + os.urandom(64 * 1024) + bytes([i % 256])
                )
            )
        root = Path(os.environ["MEDIA_ROOT"])
        paths = [p for p in root.rglob("*") if p.is_file()]
        bare_all = bare_sm3(paths)
        for workers in (1, 2):
            start = time.perf_counter()
            result = filestore.verify_files(workers=workers)
            took = time.perf_counter() - start
            assert result.ok and result.checked == args.files + 1, result
            print(
                f"verify {result.checked} files ({sum(p.stat().st_size for p in paths) / 2**20:,.0f}"
                f" MB), {workers} worker(s): {took:.1f} s, {took / bare_all:.2f}x a bare SM3 pass"
            )
        assert received.size == args.mb * 2**20
    finally:
        teardown_databases(old, verbosity=0)
        shutil.rmtree(_tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
