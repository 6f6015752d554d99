from django.db import migrations

from reunite.registry.models import fill_name_keys


def rekey(apps, schema_editor):
    """The names engine reads Chinese forms and Abdul- names better (2026-11-25): every stored key is rewritten."""
    name_key = apps.get_model("registry", "NameKey")
    name_key.objects.all().delete()
    fill_name_keys(apps.get_model("registry", "PersonName"), name_key)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0005_place_level"),
    ]

    operations = [
        migrations.RunPython(rekey, migrations.RunPython.noop, elidable=True),
    ]
