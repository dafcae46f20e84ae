"""The public data version and the triggers that move it (see `PublicDataVersion`)."""

from django.db import migrations, models

from storefront_plugins.api.public_tables import (
    BUMP_FUNCTION,
    drop_public_data_trigger_sql,
    public_data_trigger_sql,
)

CREATE_FUNCTION = f"""
CREATE SEQUENCE souk_public_data_version_seq;
INSERT INTO api_public_data_version (id, version, changed_at)
    VALUES (1, nextval('souk_public_data_version_seq'), now());
CREATE FUNCTION {BUMP_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE api_public_data_version
       SET version = nextval('souk_public_data_version_seq'), changed_at = now()
     WHERE id = 1;
    RETURN NULL;
END
$$;
"""
DROP_FUNCTION = f"""
DROP FUNCTION IF EXISTS {BUMP_FUNCTION}() CASCADE;
DROP SEQUENCE IF EXISTS souk_public_data_version_seq;
"""


# The public apps when this migration was written; later apps' tables get their triggers in
# later migrations (PUBLIC_DATA_APPS grows, this list does not).
PUBLIC_DATA_APPS_AT_0001 = ("artisans", "provenance")


def _public_tables(apps, labels=PUBLIC_DATA_APPS_AT_0001):
    return sorted(
        {
            model._meta.db_table
            for label in labels
            for model in apps.get_app_config(label).get_models(include_auto_created=True)
        }
    )


def add_triggers(apps, schema_editor):
    for table in _public_tables(apps):
        schema_editor.execute(public_data_trigger_sql(table))


def drop_triggers(apps, schema_editor):
    for table in _public_tables(apps):
        schema_editor.execute(drop_public_data_trigger_sql(table))


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("artisans", "0001_initial"),
        ("provenance", "0002_provenance_data"),
    ]

    operations = [
        migrations.CreateModel(
            name="PublicDataVersion",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False),
                ),
                ("version", models.BigIntegerField()),
                ("changed_at", models.DateTimeField()),
            ],
            options={"db_table": "api_public_data_version"},
        ),
        migrations.AddConstraint(
            model_name="publicdataversion",
            constraint=models.CheckConstraint(
                condition=models.Q(id=1), name="api_public_data_version_one_row"
            ),
        ),
        migrations.RunSQL(CREATE_FUNCTION, DROP_FUNCTION),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
