# Saleor's app token is encrypted at rest (storefront_plugins.saleor_app.encrypted_fields).

from typing import Any

from django.db import migrations

import storefront_plugins.saleor_app.encrypted_fields
from storefront_plugins.saleor_app.encrypted_fields import FERNET_PREFIX, decrypt, encrypt


def encrypt_tokens(apps: Any, schema_editor: Any) -> None:
    """Rows written before this migration hold the token in clear: encrypt them in place
    (raw SQL: the model's field would try to decrypt them)."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id, auth_token FROM saleor_app_installation")
        for pk, token in cursor.fetchall():
            if not token.startswith(FERNET_PREFIX):
                cursor.execute(
                    "UPDATE saleor_app_installation SET auth_token = %s WHERE id = %s",
                    [encrypt(token), pk],
                )


def decrypt_tokens(apps: Any, schema_editor: Any) -> None:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id, auth_token FROM saleor_app_installation")
        for pk, token in cursor.fetchall():
            cursor.execute(
                "UPDATE saleor_app_installation SET auth_token = %s WHERE id = %s",
                [decrypt(token), pk],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("saleor_app", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="installation",
            name="auth_token",
            field=storefront_plugins.saleor_app.encrypted_fields.EncryptedTextField(),
        ),
        migrations.RunPython(encrypt_tokens, decrypt_tokens),
    ]
