import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import reunite.accounts.models


def into_one_organisation(apps, schema_editor):
    """An installation starts with one organisation; records and accounts from before organisations belong to it."""
    Organisation = apps.get_model("accounts", "Organisation")
    Membership = apps.get_model("accounts", "Membership")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Source = apps.get_model("registry", "Source")
    Dataset = apps.get_model("registry", "Dataset")
    organisation = Organisation.objects.order_by("pk").first() or Organisation.objects.create(
        name=reunite.accounts.models.FIRST_ORGANISATION
    )
    Source.objects.update(organisation=organisation)
    Dataset.objects.update(organisation=organisation)
    Membership.objects.bulk_create(
        Membership(user=user, organisation=organisation) for user in User.objects.filter(membership__isnull=True)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_organisations"),
        ("registry", "0006_rekey_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="source",
            name="organisation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="sources",
                to="accounts.organisation",
            ),
        ),
        migrations.AddField(
            model_name="dataset",
            name="organisation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="datasets",
                to="accounts.organisation",
            ),
        ),
        migrations.RunPython(into_one_organisation, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="source",
            name="organisation",
            field=models.ForeignKey(
                default=reunite.accounts.models.sole_organisation_id,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="sources",
                to="accounts.organisation",
            ),
        ),
        migrations.AlterField(
            model_name="dataset",
            name="organisation",
            field=models.ForeignKey(
                default=reunite.accounts.models.sole_organisation_id,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="datasets",
                to="accounts.organisation",
            ),
        ),
        migrations.AlterField(
            model_name="dataset",
            name="name",
            field=models.CharField(max_length=200, verbose_name="name"),
        ),
        migrations.AddConstraint(
            model_name="dataset",
            constraint=models.UniqueConstraint(fields=("organisation", "name"), name="dataset_name_unique"),
        ),
    ]
