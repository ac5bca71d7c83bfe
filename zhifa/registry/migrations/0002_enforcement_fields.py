from django.db import migrations

FIELDS = [
    ("01", "市场监管"),
    ("02", "生态环境"),
    ("03", "应急管理"),
    ("04", "城市管理"),
    ("05", "交通运输"),
    ("06", "文化市场"),
    ("07", "农业农村"),
    ("08", "卫生健康"),
    ("09", "自然资源"),
    ("10", "水利"),
    ("11", "住房城乡建设"),
    ("12", "人力资源社会保障"),
    ("13", "乡镇综合执法"),
    ("14", "司法行政"),
    ("15", "教育"),
    ("16", "林业"),
]


def add(apps, schema_editor):
    Field = apps.get_model("registry", "EnforcementField")
    for code, name in FIELDS:
        Field.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
