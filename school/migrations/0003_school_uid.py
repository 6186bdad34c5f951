import uuid

from django.db import migrations, models


def give_every_school_an_identifier(apps, schema_editor):
    School = apps.get_model("school", "School")
    for school in School.objects.all():
        school.uid = uuid.uuid4()
        school.save(update_fields=["uid"])


class Migration(migrations.Migration):
    dependencies = [("school", "0002_school_name_in_languages")]

    operations = [
        migrations.AddField(
            model_name="school",
            name="uid",
            field=models.UUIDField(null=True, editable=False, verbose_name="identifier"),
        ),
        migrations.RunPython(give_every_school_an_identifier, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="school",
            name="uid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="identifier"
            ),
        ),
    ]
