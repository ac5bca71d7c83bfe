"""Rows for the portal's own routes: 数据导入 (the importers the apps declare) and the 大字版 switch.

Every importer declared today is the information administrator's (scjg_admin): everyone else has
no import and gets 403; an importer no app declares is 404.
"""

from __future__ import annotations

from zhifa.testing.routes import OK, REST, row
from zhifa.testing.sweep import ANONYMOUS

A = ANONYMOUS
ADMIN = "scjg_admin"

ROWS = [
    row("GET", "imports", None, {200: ADMIN, 403: REST, 302: A}),
    row("GET", "import_upload", "importer@officers", {200: ADMIN, 403: REST, 302: A}),
    row("GET", "import_upload", "importer@matters", {200: ADMIN, 403: REST, 302: A}),
    row("POST", "import_upload", "importer@officers", {OK: ADMIN, 403: REST, 302: A}),
    row("POST", "import_upload", "importer@matters", {OK: ADMIN, 403: REST, 302: A}),
    row("GET", "import_upload", "importer@cases_taken_over", {200: ADMIN, 403: REST, 302: A}),
    row("POST", "import_upload", "importer@cases_taken_over", {OK: ADMIN, 403: REST, 302: A}),
    row("GET", "import_template", "importer@cases_taken_over", {200: ADMIN, 403: REST, 302: A}),
    row("GET", "import_upload", "importer@nothing", {404: ADMIN, 403: REST, 302: A}),
    row("GET", "import_template", "importer@training", {200: ADMIN, 403: REST, 302: A}),
    row("GET", "import_template", "importer@matters", {200: ADMIN, 403: REST, 302: A}),
    # 大字版: anyone, signed in or not, may switch it (a cookie); it is a form's target only.
    row("GET", "text_size", None, {405: REST}),
    row("POST", "text_size", None, {OK: REST}),
]
