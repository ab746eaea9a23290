"""The ``chatbot`` command: ``serve``, ``migrate``, ``downgrade``, ``version``.

Each subcommand reads the settings, configures logging, finds its database (the
configured one, or the embedded server in ``DATA_DIR`` when ``DATABASE_URL`` is unset)
and does one thing. Bad configuration ends the process with exit status 2 and one line
per problem, ``error: SETTING: what is wrong``, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version as distribution_version

import structlog
from aiohttp import web
from pydantic import ValidationError

from adapters.postgres.embedded import EmbeddedDatabaseFailed, start_embedded
from adapters.postgres.engine import DatabaseUnavailable, check_connection
from entrypoints.api.app import create_app
from entrypoints.container import build_container
from entrypoints.logging import configure_logging
from entrypoints.settings import Settings, describe_validation_error
from migrations import runner

DISTRIBUTION = "wriveted-chatbot"
EXIT_CONFIGURATION = 2

log = structlog.get_logger(__name__)


class ConfigurationError(Exception):
    """The environment cannot work; each line names the setting at fault."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True, slots=True)
class Database:
    """The database a command will use, and whether we started it ourselves."""

    url: str
    embedded: bool


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``chatbot`` console script; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        return int(args.command(args))
    except ConfigurationError as error:
        for line in error.lines:
            print(f"error: {line}", file=sys.stderr)
        return EXIT_CONFIGURATION


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chatbot", description="Huey the Bookbot: chatbot flow engine and CMS."
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="serve the HTTP API")
    serve.add_argument(
        "--migrate",
        action="store_true",
        help="upgrade the configured database first (always done for the embedded one)",
    )
    serve.set_defaults(command=serve_command)

    migrate = commands.add_parser("migrate", help="upgrade the database schema")
    migrate.add_argument("--to", default="head", metavar="REVISION", help="default: head")
    migrate.set_defaults(command=migrate_command)

    downgrade = commands.add_parser("downgrade", help="downgrade the database schema")
    downgrade.add_argument("revision", metavar="REVISION", help="a revision id, or base")
    downgrade.set_defaults(command=downgrade_command)

    show_version = commands.add_parser("version", help="print the version")
    show_version.set_defaults(command=version_command)
    return parser


def serve_command(args: argparse.Namespace) -> int:
    settings = _configured()
    database = _database(settings)
    if database.embedded or args.migrate:
        runner.upgrade(database.url)
    app = create_app(build_container(settings, database.url))
    log.info(
        "serve.starting",
        url=f"http://{settings.host}:{settings.port}",
        database="embedded" if database.embedded else "configured",
    )
    try:
        web.run_app(app, host=settings.host, port=settings.port, access_log=None, print=None)
    except OSError as error:
        raise ConfigurationError(
            [f"PORT: cannot listen on {settings.host}:{settings.port} ({error.strerror or error})"]
        ) from error
    return 0


def migrate_command(args: argparse.Namespace) -> int:
    database = _database(_configured())
    runner.upgrade(database.url, args.to)
    log.info("migrate.done", revision=args.to)
    return 0


def downgrade_command(args: argparse.Namespace) -> int:
    database = _database(_configured())
    runner.downgrade(database.url, args.revision)
    log.info("downgrade.done", revision=args.revision)
    return 0


def version_command(args: argparse.Namespace) -> int:
    print(f"{DISTRIBUTION} {distribution_version(DISTRIBUTION)}")
    return 0


def _configured() -> Settings:
    """Settings from the environment, with logging configured from them."""
    try:
        settings = Settings()
    except ValidationError as error:
        raise ConfigurationError(describe_validation_error(error)) from None
    configure_logging(settings.log_level, settings.log_format)
    return settings


def _database(settings: Settings) -> Database:
    """The configured database once it answers, or the embedded one, started."""
    if settings.database_url is None:
        try:
            embedded = start_embedded(settings.data_dir)
        except EmbeddedDatabaseFailed as error:
            raise ConfigurationError([f"DATA_DIR: {error}"]) from None
        log.info("database.embedded", data_dir=str(embedded.data_dir))
        database = Database(url=embedded.url, embedded=True)
    else:
        database = Database(url=settings.database_url, embedded=False)
    try:
        asyncio.run(check_connection(database.url))
    except DatabaseUnavailable as error:
        setting = "DATA_DIR" if database.embedded else "DATABASE_URL"
        raise ConfigurationError([f"{setting}: {error}"]) from None
    return database


if __name__ == "__main__":
    sys.exit(main())
