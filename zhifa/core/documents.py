"""The document kit's services: issue a document (store its exact bytes under their SM3, print a
verification code and QR in its footer, record it in the ledger) and check a file against a code.

A document is proof only if a forgery is caught: the code (80 random bits, 16 characters of
Crockford's base32 in groups of four: short enough to type, impossible to guess) opens a public
page naming the issuing agency, the kind and number of the document, its date and the SM3 of the
bytes issued; anyone can upload the file they were given and learn whether it is those bytes
(seed 001 三项制度: 执法全过程记录, 可回溯管理; GB/T 32905 SM3).

The bytes go to the core file store (:mod:`zhifa.core.filestore`): stored once under their SM3,
the SM3 written into the ledger, re-hashed by ``manage.py verify_ledger``; a stored file that no
longer hashes to its SM3 is refused instead of downloaded.
"""

from __future__ import annotations

import hashlib
import io
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from zhifa.core import filestore, ledger
from zhifa.core.docx_kit import Builder, Stamp
from zhifa.core.models import IssuedDocument, StoredFile

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32: no I, L, O, U
CODE_LENGTH = 16  # 80 bits
_READS_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
ISSUE_ACTION = "core.document.issue"


def new_code() -> str:
    """16 characters of Crockford's base32 from 80 random bits."""
    number = secrets.randbits(5 * CODE_LENGTH)
    return "".join(ALPHABET[(number >> (5 * i)) & 31] for i in range(CODE_LENGTH))


def normalise_code(typed: str) -> str | None:
    """The code as stored, from what someone typed (any case, with or without dashes and spaces,
    O for 0 and I or L for 1); ``None`` when it cannot be a code."""
    code = "".join(typed.split()).replace("-", "").upper().translate(_READS_AS)
    if len(code) != CODE_LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code


def grouped(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def check_url(code: str, base_url: str | None = None) -> str:
    """The public check page of ``code``, absolute (printed on paper, opened on a phone)."""
    base = (base_url or settings.PUBLIC_BASE_URL).rstrip("/")
    return base + reverse("public_documents:detail", args=[grouped(code)])


def issue(
    *,
    actor: Any,
    owner: models.Model,
    kind: str,
    kind_name: str,
    builder: Builder,
    file_name: str,
    base_url: str | None = None,
) -> IssuedDocument:
    """Issue the document ``builder`` holds for ``owner``: stamp its footer with a new code and
    QR, store the exact bytes under their SM3 and record the issue in the ledger, in one
    transaction. The caller has checked that ``actor`` may issue it for ``owner``."""
    for _ in range(3):  # a repeated code (1 in 2**80) is drawn again
        code = new_code()
        if not IssuedDocument.objects.filter(code=code).exists():
            break
    builder.stamp(Stamp(code=grouped(code), url=check_url(code, base_url)))
    received = filestore.receive(
        io.BytesIO(builder.to_bytes()), kinds=(StoredFile.Kind.DOCUMENT,), label="文书"
    )
    with transaction.atomic():
        stored = filestore.register(actor, received)
        try:
            with transaction.atomic():
                document = IssuedDocument.objects.create(
                    kind=kind,
                    kind_name=kind_name,
                    title=builder.title[:200],
                    number=builder.number[:100],
                    agency_name=builder.agency[:200],
                    content_type=ContentType.objects.get_for_model(type(owner)),
                    object_id=owner.pk,
                    issued_at=timezone.now(),
                    issued_by=actor,
                    code=code,
                    file=stored,
                    file_name=file_name[:200],
                )
        except IntegrityError:
            raise ValidationError("验证码重复，请重新生成") from None
        ledger.append(
            actor=actor,
            action=ISSUE_ACTION,
            obj=document,
            after={
                **ledger.snapshot(document),
                "sm3": stored.sm3,
                "owner": ledger.object_label(owner),
            },
        )
    return document


def find(typed_code: str) -> IssuedDocument | None:
    """The document a typed code names, or ``None`` (an unknown code is simply not found)."""
    code = normalise_code(typed_code)
    if code is None:
        return None
    return IssuedDocument.objects.select_related("file").filter(code=code).first()


@dataclass(frozen=True)
class CheckResult:
    matches: bool
    sm3: str
    size: int


def sm3_of_chunks(chunks: Iterable[bytes]) -> tuple[str, int]:
    """SM3 of a stream read chunk by chunk (never whole in memory), and its length."""
    digest = hashlib.new("sm3")
    size = 0
    for chunk in chunks:
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def check(document: IssuedDocument, chunks: Iterable[bytes]) -> CheckResult:
    """Whether the uploaded bytes are exactly the bytes issued: one changed byte fails."""
    sm3, size = sm3_of_chunks(chunks)
    return CheckResult(matches=sm3 == document.sm3 and size == document.size, sm3=sm3, size=size)


def stored_content(document: IssuedDocument) -> bytes:
    """The stored bytes, re-hashed first: a file changed or missing raises
    :class:`zhifa.core.filestore.FileProblem` instead of being served."""
    with filestore.open_verified(document.file) as stored:
        return stored.read()


def for_owner(owner: models.Model, user: Any) -> models.QuerySet[IssuedDocument]:
    """The documents of ``owner`` ``user`` may see, newest first."""
    return IssuedDocument.objects.restrict(user).filter(
        content_type=ContentType.objects.get_for_model(type(owner)), object_id=owner.pk
    )
