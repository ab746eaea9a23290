"""The composition root: which adapter serves which port, decided once per process.

Built at start-up by the command that runs the process (``chatbot serve``), never at
import. The database URL is passed in already resolved, because with no
``DATABASE_URL`` it is the embedded server's and known only once that server runs.
Resources (the engine today; the Redis pool, HTTP client and broker later) are
initialised and shut down with the aiohttp application (see ``api/app.py``).
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import TypeVar

import aiohttp
from dependency_injector import containers, providers

from adapters.cel.engine import CelExpressionEngine
from adapters.cel_native.engine import NativeCelExpressionEngine
from adapters.http.api import HttpApiClient
from adapters.http.circuit_breaker import CircuitBreakers
from adapters.http.session import client_session
from adapters.http.url_guard import UrlGuard
from adapters.http.webhook import HttpWebhookClient
from adapters.platform.in_process import Endpoint, InProcessApiClient
from adapters.postgres.engine import engine_resource
from adapters.postgres.seeding import PostgresSeeder
from adapters.secrets.environment import EnvironmentSecretStore
from adapters.postgres.unit_of_work import PostgresUnitOfWorkFactory
from adapters.system.clock import SystemClock
from adapters.system.randomness import SecureRandomSource
from application.flow_cache import FlowVersionCache
from application.flow_runner import FlowRunner
from application.use_cases.admin_sessions import DeleteSessionHandler, ListSessionsHandler
from application.use_cases.end_session import EndSessionHandler
from application.use_cases.forget_replies import ForgetExpiredRepliesHandler
from application.use_cases.import_flow import ImportFlowHandler
from application.use_cases.interact import InteractHandler
from application.use_cases.patch_state import PatchStateHandler
from application.use_cases.publish_flow import PublishFlowHandler, ValidateFlowHandler
from application.use_cases.session_queries import GetHistoryHandler, GetSessionHandler
from application.use_cases.start_session import StartSessionHandler
from domain.conversation.interpreter import Interpreter
from entrypoints.api.auth import Authenticator
from entrypoints.api.chat.services import ChatServices
from entrypoints.api.csrf import CookiePolicy, CsrfGuard
from entrypoints.api.rate_limit import Budget, RateLimiter
from entrypoints.secret_key import signing_key as load_signing_key
from entrypoints.settings import Settings

T = TypeVar("T")


async def http_session_resource() -> AsyncIterator[aiohttp.ClientSession]:
    """The process's one outbound ``ClientSession``, as a container resource."""
    async with client_session() as session:
        yield session


def remote_platform_api(
    settings: Settings, session: aiohttp.ClientSession, breakers: CircuitBreakers, guard: UrlGuard
) -> HttpApiClient | None:
    """The remote platform API that ``api_call`` actions fall back to, when one is configured."""
    if not settings.platform_api_url:
        return None
    return HttpApiClient(session, settings.platform_api_url, breakers=breakers, guard=guard)


# Platform endpoints served in process, by (method, path). None yet: ``POST /v1/recommend``
# arrives with the catalogue; until then a flow's recommendation call takes its fallback path.
PLATFORM_ENDPOINTS: dict[tuple[str, str], Endpoint] = {}


class Container(containers.DeclarativeContainer):
    """Adapters built from settings, the use cases over them, and the HTTP edge's guards."""

    settings = providers.Dependency(instance_of=Settings)
    database_url = providers.Dependency(instance_of=str)

    engine = providers.Resource(engine_resource, url=database_url, pool_size=settings.provided.database_pool_size)

    # -- the conversation engine and its ports ------------------------------------------------
    # ``uow_factory`` is a zero-argument callable making one unit of work per use-case call;
    # tests override it (and the clock, randomness, HTTP clients) with memory adapters.
    uow_factory = providers.Singleton(PostgresUnitOfWorkFactory, engine)
    clock = providers.Singleton(SystemClock)
    random = providers.Singleton(SecureRandomSource)
    expressions = providers.Selector(
        settings.provided.expression_engine,
        native=providers.Singleton(NativeCelExpressionEngine),
        python=providers.Singleton(CelExpressionEngine),
    )
    flow_cache = providers.Singleton(FlowVersionCache)
    interpreter = providers.Singleton(Interpreter, expressions)
    http_session = providers.Resource(http_session_resource)
    secrets = providers.Singleton(EnvironmentSecretStore)
    url_guard = providers.Singleton(UrlGuard)
    breakers = providers.Singleton(CircuitBreakers)
    api_client = providers.Singleton(
        InProcessApiClient,
        PLATFORM_ENDPOINTS,
        providers.Callable(remote_platform_api, settings, http_session, breakers, url_guard),
    )
    webhook_client = providers.Singleton(HttpWebhookClient, http_session, secrets, url_guard, breakers)
    runner = providers.Singleton(FlowRunner, cache=flow_cache, api=api_client, webhooks=webhook_client)

    # -- use cases ----------------------------------------------------------------------------
    start_session = providers.Singleton(
        StartSessionHandler, uow=uow_factory, runner=runner, interpreter=interpreter, clock=clock, random=random
    )
    # A conversation idle longer than its cookies live is expired: its token finds nothing.
    idle_limit = providers.Callable(timedelta, seconds=settings.provided.chat_session_ttl_seconds)
    interact = providers.Singleton(
        InteractHandler, uow=uow_factory, runner=runner, interpreter=interpreter, clock=clock, idle_limit=idle_limit
    )
    end_session = providers.Singleton(EndSessionHandler, uow=uow_factory, clock=clock, idle_limit=idle_limit)
    get_session = providers.Singleton(GetSessionHandler, uow=uow_factory, clock=clock, idle_limit=idle_limit)
    get_history = providers.Singleton(GetHistoryHandler, uow=uow_factory, clock=clock, idle_limit=idle_limit)
    patch_state = providers.Singleton(PatchStateHandler, uow=uow_factory, clock=clock, idle_limit=idle_limit)
    list_sessions = providers.Singleton(ListSessionsHandler, uow=uow_factory)
    delete_session = providers.Singleton(DeleteSessionHandler, uow=uow_factory)
    forget_replies = providers.Singleton(ForgetExpiredRepliesHandler, uow=uow_factory, clock=clock)
    import_flow = providers.Singleton(ImportFlowHandler, uow=uow_factory, engine=expressions, cache=flow_cache, clock=clock)
    publish_flow = providers.Singleton(PublishFlowHandler, uow=uow_factory, engine=expressions, cache=flow_cache, clock=clock)
    validate_flow = providers.Singleton(ValidateFlowHandler, uow=uow_factory, engine=expressions)
    seeder = providers.Singleton(PostgresSeeder, engine)

    # -- the HTTP edge ------------------------------------------------------------------------
    signing_key = providers.Singleton(load_signing_key, settings)
    authenticator = providers.Singleton(
        Authenticator,
        signing_key,
        jwks_url=settings.provided.jwks_url,
        issuer=settings.provided.jwt_issuer,
        audience=settings.provided.jwt_audience,
    )
    csrf = providers.Singleton(
        CsrfGuard,
        signing_key,
        providers.Factory(
            CookiePolicy,
            samesite=settings.provided.cookie_samesite,
            insecure_localhost=settings.provided.cookie_insecure_localhost,
            max_age=settings.provided.chat_session_ttl_seconds,
        ),
    )
    rate_limiter = providers.Singleton(
        RateLimiter,
        per_address=providers.Factory(
            Budget, settings.provided.rate_limit_address_per_second, settings.provided.rate_limit_address_burst
        ),
        per_session=providers.Factory(
            Budget, settings.provided.rate_limit_session_per_second, settings.provided.rate_limit_session_burst
        ),
    )
    chat = providers.Singleton(
        ChatServices,
        start=start_session,
        interact=interact,
        end=end_session,
        get_session=get_session,
        get_history=get_history,
        patch_state=patch_state,
        list_sessions=list_sessions,
        delete_session=delete_session,
        auth=authenticator,
        csrf=csrf,
    )


@asynccontextmanager
async def running(container: Container) -> AsyncIterator[Container]:
    """The container with its resources initialised, shut down when the block exits."""
    initialised = container.init_resources()
    if initialised is not None:
        await initialised
    try:
        yield container
    finally:
        shut_down = container.shutdown_resources()
        if shut_down is not None:
            await shut_down


async def resolved(value: T | Awaitable[T]) -> T:
    """A provider's value: providers that depend on an async resource return awaitables."""
    if inspect.isawaitable(value):
        return await value
    return value


def build_container(settings: Settings, database_url: str) -> Container:
    """The container for one process, aimed at ``database_url``."""
    return Container(settings=settings, database_url=database_url)
