from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("sandbox", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "CREATE SEQUENCE IF NOT EXISTS sandbox_order_number_seq START 1;",
            "DROP SEQUENCE IF EXISTS sandbox_order_number_seq;",
        )
    ]
