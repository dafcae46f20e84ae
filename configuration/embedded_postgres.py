"""The embedded PostgreSQL used when `DATABASE_URL` is not set.

A fresh machine with no database server still gets PostgreSQL (never SQLite): `pgserver`
ships PostgreSQL binaries as a wheel and runs a server on a Unix socket inside the data
folder. The server outlives the process that started it, so the web server, the Celery
worker and the tests share one instance; `get_server` is idempotent.
"""

import re
import warnings
from pathlib import Path
from urllib.parse import quote


def embedded_database_url(data_dir: Path, database: str = "souk") -> str:
    # pgserver asks platformdirs for a runtime folder it does not use here; without an
    # XDG_RUNTIME_DIR (CI, containers) that warns on every start.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    import pgserver  # imported here: only needed when no DATABASE_URL is configured

    if not re.fullmatch(r"[a-z_][a-z0-9_]*", database):
        raise ValueError(f"Not a plain database name: {database!r}")

    data_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir, cleanup_mode=None)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")  # noqa: S608
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{database}";')
    # The socket folder as the URL's host, so Django's HOST names it.
    return f"postgresql://postgres@{quote(str(data_dir), safe='')}/{database}"
