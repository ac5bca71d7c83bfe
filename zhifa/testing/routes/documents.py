"""Rows for the document routes (文书).

The public check page and its API answer anyone, by the code (an unknown code is 404 for everyone,
however signed in). A case's documents (the list, the download, the API) are seen by whoever sees
the case: 市市场监管局's staff and the city supervisor; others get 404. Generating one is for the
case's handling officers (the persona officer scjg_zhang and a second officer without a persona
account) and the agency head scjg_wang; the others who see the case are refused (403).

The sweep's city holds one case of 市市场监管局 under investigation with one issued document
(``zhifa.testing.documents.seed_case_documents``).
"""

from __future__ import annotations

from zhifa.testing.routes import OK, REST, SCJG_STAFF, api, public, row
from zhifa.testing.sweep import ANONYMOUS

A = ANONYMOUS
UNKNOWN_CODE = "document_code@0000-0000-0000-0000"
UNKNOWN = "document@999999999"
CASE, KIND = "documented_case@scjg", "case_document_kind@scjg"
DOCUMENT, CODE = "issued_document@scjg", "issued_code@scjg"
VIEWERS = (*SCJG_STAFF, "sfj_chen")
HANDLERS = ("scjg_zhang", "scjg_wang")
LOOKERS = tuple(p for p in VIEWERS if p not in HANDLERS)

ROWS = [
    # Public check
    public("public_documents:lookup"),
    public("public_documents:detail", CODE),
    row("POST", "public_documents:detail", CODE, {OK: REST}),
    row("GET", "public_documents:detail", UNKNOWN_CODE, {404: REST}),
    row("POST", "public_documents:detail", UNKNOWN_CODE, {404: REST}),
    public("api-public-document", CODE),
    row("POST", "api-public-document", CODE, {OK: REST}),
    row("GET", "api-public-document", UNKNOWN_CODE, {404: REST}),
    row("POST", "api-public-document", UNKNOWN_CODE, {404: REST}),
    # Issued documents
    row("GET", "document_download", DOCUMENT, {200: VIEWERS, 404: REST, 302: A}),
    row("GET", "document_download", UNKNOWN, {404: REST, 302: A}),
    api("document-list"),
    row("GET", "document-detail", DOCUMENT, {200: VIEWERS, 404: REST, 401: A}),
    row("GET", "document-download", DOCUMENT, {200: VIEWERS, 404: REST, 401: A}),
    row("GET", "document-detail", UNKNOWN, {404: REST, 401: A}),
    # A case's documents
    row("GET", "case_documents:list", CASE, {200: VIEWERS, 404: REST, 302: A}),
    row("GET", "case_documents:new", KIND, {200: HANDLERS, 403: LOOKERS, 404: REST, 302: A}),
    row("POST", "case_documents:new", KIND, {OK: HANDLERS, 403: LOOKERS, 404: REST, 302: A}),
    row("GET", "api-case-documents", CASE, {200: VIEWERS, 404: REST, 401: A}),
    row("POST", "api-case-documents", CASE, {OK: HANDLERS, 403: LOOKERS, 404: REST, 401: A}),
]
