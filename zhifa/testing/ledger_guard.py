"""A test-time guard: a transaction that changes a business table must append to the ledger.

Architecture invariant 2 says every change is a service call that leaves a ledger entry in the same
transaction. The guard watches the SQL a test sends (``connection.execute_wrapper``): INSERT,
UPDATE and DELETE on the tables of zhifa's models, and the savepoints that ``transaction.atomic``
opens, releases and rolls back. Inside a test everything runs in the test's own transaction, so a
service's ``atomic`` block is a savepoint; when the outermost one opened during the test is released
(committed into the test's transaction), the business tables it changed must come with a ledger
INSERT in that same block. Writes outside any atomic block are checked the same way at the end of
the test. A block rolled back changes nothing and is forgotten. The SQL is the same on SQLite and
PostgreSQL (Django writes the savepoint statements itself), and the cost is a prefix test per
statement.

Not business changes, so not watched: the ledger's own tables, sessions, django-axes, Django's
tables, and :data:`ALLOWED` (each with its reason). A test that writes around the services on
purpose (backdating a row, linking demo records no service links, building a corrupt row) wraps
those lines in ``with writes_around_services("reason"):``; a whole test can be marked
``@pytest.mark.ledger_exempt("reason")``.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection

WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
SAVEPOINT = re.compile(r'^\s*(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\s+"?(\w+)"?', re.I)

# (table, statement pattern, why it is not a business change)
ALLOWED: list[tuple[str, re.Pattern[str], str]] = [
    (
        "org_user",
        re.compile(r'^\s*UPDATE\s+"org_user"\s+SET\s+"last_login"\s*=', re.I),
        "Django stamps last_login on every sign-in; the sign-in itself is recorded by "
        "accounts.record_login",
    ),
]


def ledger_tables() -> set[str]:
    from zhifa.core.models import ledger

    return {
        m._meta.db_table
        for m in apps.get_models(include_auto_created=True)
        if m.__module__ == ledger.__name__
    }


def business_tables() -> set[str]:
    """The tables of zhifa's models (auto-created many-to-many tables included), ledger excepted."""
    tables = {
        m._meta.db_table
        for m in apps.get_models(include_auto_created=True)
        if m.__module__.startswith("zhifa.")
    }
    return tables - ledger_tables()


def _where() -> str:
    """The innermost line of the project (not a library, not this package) that sent the statement."""
    root = str(settings.BASE_DIR) + "/"
    for frame in reversed(traceback.extract_stack()[:-3]):
        name = frame.filename
        if name.startswith(root) and not any(
            part in name for part in ("/site-packages/", "/.venv/", "/zhifa/testing/")
        ):
            return f"{name.removeprefix(root)}:{frame.lineno} ({frame.name})"
    return "?"


_around: list[str] = []  # reasons of the writes_around_services blocks now open


@contextmanager
def writes_around_services(reason: str) -> Iterator[None]:
    """Test set-up that writes around the services on purpose; ``reason`` says why."""
    if not reason.strip():
        raise ValueError("say why the test writes around the services")
    _around.append(reason)
    try:
        yield
    finally:
        _around.pop()


@dataclass
class Block:
    """One atomic block (savepoint) or the test's top level: what it changed, and where."""

    name: str
    writes: dict[str, str] = field(default_factory=dict)  # table → first place it was written
    ledger: bool = False

    def absorb(self, inner: Block) -> None:
        for table, where in inner.writes.items():
            self.writes.setdefault(table, where)
        self.ledger = self.ledger or inner.ledger


@dataclass
class LedgerGuard:
    """Records business writes per outermost atomic block and the blocks that lacked a ledger entry."""

    business: set[str] = field(default_factory=business_tables)
    ledger_tables: set[str] = field(default_factory=ledger_tables)
    stack: list[Block] = field(default_factory=lambda: [Block("(outside any atomic block)")])
    violations: list[str] = field(default_factory=list)
    committed: set[str] = field(default_factory=set)  # business tables changed by released blocks
    #: A transactional test (``transaction=True``, ``live_server``) has no test-level transaction:
    #: a service's own ``atomic`` opens the real transaction (no SAVEPOINT to see) and only its
    #: inner blocks are savepoints, so blocks cannot be told apart and the test is checked whole.
    per_test: bool = False

    def changed(self) -> set[str]:
        """Business tables changed so far and not rolled back."""
        return self.committed | {t for b in self.stack for t in b.writes}

    def __call__(self, execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
        head = sql.lstrip()[:8].upper()
        if head.startswith(("INSERT", "UPDATE", "DELETE")):
            if not _around:
                self._write(sql)
        elif head.startswith(("SAVEPOIN", "RELEASE", "ROLLBACK")):
            self._savepoint(sql)
        return execute(sql, params, many, context)

    def _write(self, sql: str) -> None:
        found = WRITE.match(sql)
        if not found:
            return
        table = found.group(1)
        if table in self.ledger_tables:
            self.stack[-1].ledger = True
        elif table in self.business and not any(t == table and p.match(sql) for t, p, _ in ALLOWED):
            self.stack[-1].writes.setdefault(table, _where())

    def _savepoint(self, sql: str) -> None:
        found = SAVEPOINT.match(sql)
        if not found:
            return
        verb, name = found.group(1).upper(), found.group(2)
        names = [b.name for b in self.stack]
        if verb == "SAVEPOINT":
            self.stack.append(Block(name))
        elif name in names[1:]:
            index = names.index(name)
            if verb == "ROLLBACK TO SAVEPOINT":
                del self.stack[index + 1 :]
                self.stack[index] = Block(name)
            else:  # RELEASE SAVEPOINT: the block's changes join the enclosing one
                while len(self.stack) > index + 1:
                    inner = self.stack.pop()
                    self.stack[-1].absorb(inner)
                block = self.stack.pop()
                if len(self.stack) == 1 and not self.per_test:
                    self._check(block)
                else:
                    self.stack[-1].absorb(block)

    def _check(self, block: Block) -> None:
        self.committed |= block.writes.keys()
        if block.writes and not block.ledger:
            places = "; ".join(f"{t} at {w}" for t, w in sorted(block.writes.items()))
            self.violations.append(f"a transaction changed {places} without a ledger entry")

    def finish(self) -> list[str]:
        while len(self.stack) > 1:
            self.stack[-2].absorb(self.stack.pop())
        self._check(self.stack[0])
        self.stack = [Block(self.stack[0].name)]
        found, self.violations = self.violations, []
        return found


@contextmanager
def ledger_guard() -> Iterator[LedgerGuard]:
    """Watch the default connection; the caller asserts on ``guard.finish()``."""
    guard = LedgerGuard(per_test=not connection.in_atomic_block)
    with connection.execute_wrapper(guard):
        yield guard


def describe(violations: list[str]) -> str:
    lines = "\n".join(f"  - {v}" for v in violations)
    return (
        "Every change must go through a service that appends to the ledger in the same "
        f"transaction (architecture invariant 2):\n{lines}\n"
        "If the test writes around the services on purpose, wrap those lines in "
        '`with writes_around_services("why"):` (zhifa.testing.ledger_guard).'
    )
