"""The composition root: which adapter serves which port, decided once per process.

Built at start-up by the command that runs the process (``chatbot serve``), never at
import. The database URL is passed in already resolved, because with no
``DATABASE_URL`` it is the embedded server's and known only once that server runs.
Resources (the engine today; the Redis pool, HTTP client and broker later) are
initialised and shut down with the aiohttp application (see ``api/app.py``).
"""

from __future__ import annotations

from dependency_injector import containers, providers

from adapters.postgres.engine import engine_resource
from entrypoints.settings import Settings


class Container(containers.DeclarativeContainer):
    """Adapters built from settings. Later: repositories, unit of work, use cases."""

    settings = providers.Dependency(instance_of=Settings)
    database_url = providers.Dependency(instance_of=str)

    engine = providers.Resource(engine_resource, url=database_url)


def build_container(settings: Settings, database_url: str) -> Container:
    """The container for one process, aimed at ``database_url``."""
    return Container(settings=settings, database_url=database_url)
