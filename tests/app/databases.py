"""URLs of databases on the test database's PostgreSQL server, for processes the tests start."""

from urllib.parse import quote

from django.db import connection


def server_database_url(database: str | None = None) -> str:
    """The test database's URL, or another database's on the same server."""
    params = connection.settings_dict
    user = quote(params.get("USER") or "", safe="")
    password = quote(params.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = quote(params.get("HOST") or "", safe="")
    port = f":{params['PORT']}" if params.get("PORT") else ""
    return f"postgresql://{credentials}{host}{port}/{database or params['NAME']}"
