"""Rows for the document routes (文书): the public check page and its API (anyone, by the code:
an unknown code is 404 for everyone, however signed in), the download of an issued document and
the document API (those who see what the document belongs to; others 404).

The demo city issues no document before the cases do, so these rows name an unknown code and an
unknown document: every signed-in persona gets 404.
"""

from __future__ import annotations

from zhifa.testing.routes import REST, api, public, row
from zhifa.testing.sweep import ANONYMOUS

A = ANONYMOUS
UNKNOWN_CODE = "document_code@0000-0000-0000-0000"
UNKNOWN = "document@999999999"

ROWS = [
    public("public_documents:lookup"),
    row("GET", "public_documents:detail", UNKNOWN_CODE, {404: REST}),
    row("POST", "public_documents:detail", UNKNOWN_CODE, {404: REST}),
    row("GET", "api-public-document", UNKNOWN_CODE, {404: REST}),
    row("POST", "api-public-document", UNKNOWN_CODE, {404: REST}),
    row("GET", "document_download", UNKNOWN, {404: REST, 302: A}),
    api("document-list"),
    row("GET", "document-detail", UNKNOWN, {404: REST, 401: A}),
    row("GET", "document-download", UNKNOWN, {404: REST, 401: A}),
]
