"""The database itself refuses to change or delete ledger entries (architecture invariant 2).

SQLite refuses UPDATE; PostgreSQL refuses UPDATE and DELETE. (SQLite's DELETE stays open because
Django's test flush empties tables with DELETE; the application never deletes.)
"""

from django.db import migrations

SQLITE_UP = ["""
CREATE TRIGGER core_ledgerentry_no_update BEFORE UPDATE ON core_ledgerentry
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;"""]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS core_ledgerentry_no_update"]

PG_UP = [
    """CREATE OR REPLACE FUNCTION core_ledger_append_only() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'ledger entries are append-only'; END;
    $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER core_ledgerentry_no_change BEFORE UPDATE OR DELETE ON core_ledgerentry
    FOR EACH ROW EXECUTE FUNCTION core_ledger_append_only()""",
]
PG_DOWN = [
    "DROP TRIGGER IF EXISTS core_ledgerentry_no_change ON core_ledgerentry",
    "DROP FUNCTION IF EXISTS core_ledger_append_only()",
]


def up(apps, schema_editor):
    for sql in PG_UP if schema_editor.connection.vendor == "postgresql" else SQLITE_UP:
        schema_editor.execute(sql, params=None)


def down(apps, schema_editor):
    for sql in PG_DOWN if schema_editor.connection.vendor == "postgresql" else SQLITE_DOWN:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_initial")]
    operations = [migrations.RunPython(up, down)]
