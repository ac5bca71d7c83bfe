"""执法领域 moves to ``org``. Step 2 of 3: the model enters org's state over the table the registry
renamed (registry 0005); nothing is created in the database."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0002_admin_password_resets"),
        ("registry", "0005_enforcement_field_table_to_org"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="EnforcementField",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("code", models.CharField(max_length=20, unique=True, verbose_name="代码")),
                        ("name", models.CharField(max_length=30, unique=True, verbose_name="名称")),
                    ],
                    options={
                        "verbose_name": "执法领域",
                        "verbose_name_plural": "执法领域",
                        "ordering": ["code"],
                    },
                ),
            ],
        )
    ]
