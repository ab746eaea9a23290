"""The ``chatbot`` command: ``serve``, ``migrate``, ``downgrade``, ``version``, ``import``,
``import-content``, ``seed``, ``purge``, ``token``.

Each subcommand reads the settings, configures logging, finds its database (the
configured one, or the embedded server in ``DATA_DIR`` when ``DATABASE_URL`` is unset)
and does one thing. Bad configuration ends the process with exit status 2 and one line
per problem, ``error: SETTING: what is wrong``, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from uuid import UUID
from importlib.metadata import version as distribution_version

import structlog
from pydantic import ValidationError

from adapters.postgres.embedded import EmbeddedDatabaseFailed, start_embedded
from adapters.postgres.engine import DatabaseUnavailable, check_connection
from application.use_cases.forget_replies import DEFAULT_BATCH_SIZE, ForgetExpiredReplies
from domain.tenancy.identity import Role
from entrypoints.api.auth import mint_token
from entrypoints.container import Container, build_container, resolved, running
from entrypoints.demo.loader import load_demo
from entrypoints.loading import UnreadableFile, import_flow_files, import_seed_content, read_document
from entrypoints.secret_key import signing_key
from entrypoints.logging import configure_logging
from entrypoints import serving
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

    import_flows = commands.add_parser("import", help="validate and publish flow files")
    import_flows.add_argument("files", nargs="+", type=Path, metavar="FILE", help="flow JSON files")
    import_flows.add_argument("--draft", action="store_true", help="store as drafts, do not publish")
    import_flows.set_defaults(command=import_command)

    content = commands.add_parser(
        "import-content", help="load the school, users, themes and CMS content of a seed file"
    )
    content.add_argument("file", type=Path, metavar="FILE", help="a seed file like admin-ui-seed.json")
    content.set_defaults(command=import_content_command)

    seed = commands.add_parser("seed", help="load the demo data set (safe to repeat)")
    seed.set_defaults(command=seed_command)

    purge = commands.add_parser(
        "purge", help="forget stored replies of retried answers older than a day (serve also does it on a timer)"
    )
    purge.add_argument("--batch", type=_positive, default=DEFAULT_BATCH_SIZE, metavar="N", help=f"rows a statement (default {DEFAULT_BATCH_SIZE})")
    purge.set_defaults(command=purge_command)

    token = commands.add_parser("token", help="mint a bearer token for local use")
    token.add_argument("--role", required=True, choices=[r.value for r in Role])
    token.add_argument("--school", type=UUID, metavar="ID", help="the school's Wriveted identifier")
    token.add_argument("--user", type=UUID, metavar="ID", help="the user id (the `sub` claim)")
    token.add_argument("--ttl", type=int, default=3600, metavar="SECONDS", help="default: 3600")
    token.set_defaults(command=token_command)
    return parser


def serve_command(args: argparse.Namespace) -> int:
    settings = _configured()
    database = _database(settings)
    if database.embedded or args.migrate:
        runner.upgrade(database.url)
    if database.embedded:
        _with_container(settings, database, _seed_first_run)
    log.info(
        "serve.starting",
        url=f"http://{settings.host}:{settings.port}",
        database="embedded" if database.embedded else "configured",
        workers=settings.workers,
    )
    try:
        serving.serve(settings, database.url)
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


def import_command(args: argparse.Namespace) -> int:
    async def work(container: Container) -> bool:
        handler = await resolved(container.import_flow())
        return await import_flow_files(handler, args.files, print, publish=not args.draft)

    return 0 if _with_container(*_ready(), work) else 1


def import_content_command(args: argparse.Namespace) -> int:
    try:
        seed = read_document(args.file)
    except UnreadableFile as error:
        print(f"error: {error}", file=sys.stderr)
        return 1

    async def work(container: Container) -> bool:
        await import_seed_content(await resolved(container.seeder()), seed, print)
        return True

    return 0 if _with_container(*_ready(), work) else 1


def seed_command(args: argparse.Namespace) -> int:
    return 0 if _with_container(*_ready(), _seed_demo) else 1


def purge_command(args: argparse.Namespace) -> int:
    async def work(container: Container) -> bool:
        forget = await resolved(container.forget_replies())
        forgotten = await forget(ForgetExpiredReplies(args.batch), lambda total: print(f"forgotten so far: {total}", flush=True))
        print(f"forgot {forgotten} expired stored replies")
        return True

    return 0 if _with_container(*_ready(), work) else 1


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def token_command(args: argparse.Namespace) -> int:
    settings = _configured()
    if settings.jwks_url:
        print("warning: JWKS_URL is set, so the API will not accept this HS256 token", file=sys.stderr)
    print(
        mint_token(
            signing_key(settings),
            Role(args.role),
            user_id=args.user,
            school_id=args.school,
            ttl=timedelta(seconds=args.ttl),
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
        )
    )
    return 0


async def _seed_demo(container: Container) -> bool:
    return await load_demo(
        await resolved(container.seeder()),
        await resolved(container.uow_factory()),
        await resolved(container.import_flow()),
        print,
    )


async def _seed_first_run(container: Container) -> bool:
    if not await (await resolved(container.seeder())).is_empty():
        return True
    log.info("serve.seeding_demo")
    return await _seed_demo(container)


def _ready() -> tuple[Settings, Database]:
    """Settings and a database at the current schema (the embedded one is migrated)."""
    settings = _configured()
    database = _database(settings)
    if database.embedded:
        runner.upgrade(database.url)
    return settings, database


def _with_container(
    settings: Settings, database: Database, work: Callable[[Container], Awaitable[bool]]
) -> bool:
    async def main() -> bool:
        async with running(build_container(settings, database.url)) as container:
            return await work(container)

    return asyncio.run(main())


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
