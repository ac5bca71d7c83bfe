"""执法领域 moves to ``org`` (the catalogue's matters name it too, and catalogue and registry may not
import each other). Step 1 of 3: the table is renamed, rows and ids kept; the foreign keys that
point at it follow the rename (PostgreSQL by OID, SQLite ≥ 3.26 rewrites them)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_workflow_version")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="enforcementfield", table="org_enforcementfield")
            ],
            state_operations=[],
        )
    ]
