"""The capabilities whose tables the public (anonymous) API reads.

Every table of these apps carries the trigger that moves the public data version on any
write; a test checks that none is missing, so a new table must get one in a migration
(`public_data_trigger_sql`).
"""

PUBLIC_DATA_APPS = ("artisans", "provenance", "storefronts")

BUMP_FUNCTION = "souk_bump_public_data_version"
TRIGGER_NAME = "souk_public_data_changed"


def public_data_trigger_sql(table: str) -> str:
    return (
        f'CREATE TRIGGER {TRIGGER_NAME} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
        f"FOR EACH STATEMENT EXECUTE FUNCTION {BUMP_FUNCTION}();"
    )


def drop_public_data_trigger_sql(table: str) -> str:
    return f'DROP TRIGGER IF EXISTS {TRIGGER_NAME} ON "{table}";'
