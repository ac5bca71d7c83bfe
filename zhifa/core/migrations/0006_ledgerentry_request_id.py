"""Ledger entries remember the HTTP request that made them (zhifa.core.requestid).

On SQLite, adding a column with a default rebuilds the table, and the rebuild drops the trigger
that refuses updates (0003); it is created again here. PostgreSQL adds the column in place and
keeps its trigger. Existing rows get an empty request id, which leaves their hashes unchanged.
"""

from django.db import migrations, models

SQLITE_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS core_ledgerentry_no_update BEFORE UPDATE ON core_ledgerentry
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;"""


def restore_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER, params=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_holiday_notice_as_published")]

    operations = [
        # Undoing the column rebuilds the table again: restore the trigger after that too.
        migrations.RunPython(migrations.RunPython.noop, restore_trigger),
        migrations.AddField(
            model_name="ledgerentry",
            name="request_id",
            field=models.CharField(
                blank=True, db_index=True, default="", max_length=64, verbose_name="请求标识"
            ),
        ),
        migrations.RunPython(restore_trigger, migrations.RunPython.noop),
    ]
