"""The storefronts' tables move the public data version too (see `PublicDataVersion`)."""

from django.db import migrations

from storefront_plugins.api.public_tables import (
    drop_public_data_trigger_sql,
    public_data_trigger_sql,
)


def _storefront_tables(apps):
    return sorted(
        model._meta.db_table
        for model in apps.get_app_config("storefronts").get_models(include_auto_created=True)
    )


def add_triggers(apps, schema_editor):
    for table in _storefront_tables(apps):
        schema_editor.execute(public_data_trigger_sql(table))


def drop_triggers(apps, schema_editor):
    for table in _storefront_tables(apps):
        schema_editor.execute(drop_public_data_trigger_sql(table))


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_public_data_version"),
        ("storefronts", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_triggers, drop_triggers)]
