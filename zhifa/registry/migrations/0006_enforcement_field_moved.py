"""执法领域 moves to ``org``. Step 3 of 3: the registry's foreign keys point at org's model (the
database already references the renamed table) and the registry forgets its own; the content type
follows, so nothing that named it is lost."""

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="org", model="enforcementfield").exists():
        ContentType.objects.filter(app_label="registry", model="enforcementfield").update(
            app_label="org"
        )


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="registry", model="enforcementfield").exists():
        ContentType.objects.filter(app_label="org", model="enforcementfield").update(
            app_label="registry"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("org", "0003_enforcement_field"),
        ("registry", "0005_enforcement_field_table_to_org"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="certificate",
                    name="field",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        to="org.enforcementfield",
                        verbose_name="执法领域",
                    ),
                ),
                migrations.AlterField(
                    model_name="examresult",
                    name="field",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        to="org.enforcementfield",
                        verbose_name="专业领域",
                    ),
                ),
                migrations.AlterField(
                    model_name="officer",
                    name="fields",
                    field=models.ManyToManyField(
                        blank=True, to="org.enforcementfield", verbose_name="执法领域"
                    ),
                ),
                migrations.DeleteModel(name="EnforcementField"),
            ],
        ),
        migrations.RunPython(move_content_type, restore_content_type),
    ]
