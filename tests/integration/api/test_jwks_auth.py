"""Bearer tokens signed by an issuer's published keys (``JWKS_URL``), against a real JWKS endpoint.

The issuer is an aiohttp server on 127.0.0.1 publishing the public half of RSA keys made
here; the application is built from settings naming it, with ``JWT_ISSUER`` and
``JWT_AUDIENCE`` set. Every request is bounded by ``REQUEST_TIMEOUT`` so a hanging
fetch fails the test instead of stalling the run.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any
from uuid import uuid4

import jwt
import pytest
from aiohttp import test_utils, web
from cryptography.hazmat.primitives.asymmetric import rsa
from dependency_injector import providers

from domain.tenancy.identity import Role
from entrypoints.api.app import create_app
from entrypoints.api.auth import Authenticator, mint_token
from entrypoints.api.errors import PROBLEM_CONTENT_TYPE
from entrypoints.container import Container, build_container
from tests.chat_api import ChatApi, Reply
from tests.chat_world import HUEY, TEST_KEY, chat_settings

ISSUER = "https://issuer.test/"
AUDIENCE = "wriveted-chatbot"
REQUEST_TIMEOUT = 10.0
# Short enough that the hanging issuer's test finishes fast, long enough for a loopback fetch.
SHORT_FETCH_TIMEOUT = 0.5


def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass(slots=True)
class Issuer:
    """The JWKS document an issuer publishes, and how its endpoint misbehaves on request."""

    keys: dict[str, rsa.RSAPrivateKey] = field(default_factory=dict)
    fetches: int = 0
    answer: str = "jwks"  # "jwks", "html" (a proxy's error page), "error" (500) or "hang"
    url: str = ""

    def publish(self, kid: str) -> rsa.RSAPrivateKey:
        """Make a new key, publish it under ``kid`` and withdraw every other key (a rotation)."""
        key = rsa_key()
        self.keys = {kid: key}
        return key

    def document(self) -> dict[str, Any]:
        jwks = []
        for kid, key in self.keys.items():
            jwk = jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
            jwks.append({**jwk, "kid": kid, "use": "sig", "alg": "RS256"})
        return {"keys": jwks}

    async def handle(self, request: web.Request) -> web.Response:
        self.fetches += 1
        if self.answer == "html":
            return web.Response(text="<html><body>Bad gateway</body></html>", content_type="text/html")
        if self.answer == "error":
            return web.Response(status=500, text="internal error")
        if self.answer == "hang":
            await asyncio.sleep(SHORT_FETCH_TIMEOUT * 4)
        return web.json_response(self.document())


def signed(
    key: rsa.RSAPrivateKey,
    kid: str,
    *,
    role: Role = Role.WRIVETED_ADMIN,
    issuer: str = ISSUER,
    audience: str = AUDIENCE,
    expires_in: timedelta = timedelta(minutes=5),
) -> str:
    now = datetime.now(timezone.utc)
    claims = {"sub": str(uuid4()), "role": role.value, "iss": issuer, "aud": audience, "iat": now, "exp": now + expires_in}
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


@pytest.fixture
async def issuer() -> AsyncIterator[tuple[Issuer, test_utils.TestServer]]:
    published = Issuer()
    published.publish("key-1")
    app = web.Application()
    app.router.add_get("/.well-known/jwks.json", published.handle)
    async with test_utils.TestServer(app, host="127.0.0.1") as server:
        published.url = str(server.make_url("/.well-known/jwks.json"))
        yield published, server


def jwks_container(database_url: str, issuer: Issuer) -> Container:
    return build_container(
        chat_settings(database_url, jwks_url=issuer.url, jwt_issuer=ISSUER, jwt_audience=AUDIENCE), database_url
    )


@asynccontextmanager
async def served(container: Container) -> AsyncIterator[ChatApi]:
    async with test_utils.TestClient(test_utils.TestServer(create_app(container))) as client:
        yield ChatApi(client)


@pytest.fixture
async def api(huey_database: str, issuer: tuple[Issuer, test_utils.TestServer]) -> AsyncIterator[ChatApi]:
    """The chat API configured by settings alone to trust the issuer."""
    async with served(jwks_container(huey_database, issuer[0])) as chat_api:
        yield chat_api


def with_authenticator(container: Container, **options: Any) -> Container:
    """The container with the settings' authenticator rebuilt with shorter timings.

    The settings expose only the URL, issuer and audience; the fetch timeout and the
    refresh cooldown are constructor options, shortened here so a test need not wait 5 or
    30 seconds to see what happens when they run out.
    """
    settings = container.settings()
    container.authenticator.override(
        providers.Singleton(
            Authenticator,
            container.signing_key,
            jwks_url=settings.jwks_url,
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            **options,
        )
    )
    return container


async def admin_sessions(api: ChatApi, bearer: str) -> Reply:
    async with asyncio.timeout(REQUEST_TIMEOUT):
        return await api.admin_sessions(bearer, limit=200)


def assert_problem(reply: Reply, status: int, problem: str) -> None:
    assert reply.status == status, reply.body
    assert reply.headers["Content-Type"].startswith(PROBLEM_CONTENT_TYPE)
    assert reply.problem == problem, reply.body
    assert "Traceback" not in str(reply.body)


async def test_a_token_signed_by_the_issuers_key_lists_conversations_as_an_admin(
    api: ChatApi, issuer: tuple[Issuer, test_utils.TestServer]
) -> None:
    published, _ = issuer
    async with asyncio.timeout(REQUEST_TIMEOUT):
        chat = await api.begin(HUEY)

    reply = await admin_sessions(api, signed(published.keys["key-1"], "key-1"))

    assert reply.status == 200, reply.body
    assert chat.session_id in {item["session_id"] for item in reply.body["items"]}


def _wrong_audience(issuer: Issuer) -> str:
    return signed(issuer.keys["key-1"], "key-1", audience="some-other-service")


def _wrong_issuer(issuer: Issuer) -> str:
    return signed(issuer.keys["key-1"], "key-1", issuer="https://impostor.test/")


def _expired(issuer: Issuer) -> str:
    return signed(issuer.keys["key-1"], "key-1", expires_in=-timedelta(minutes=5))


def _another_key_under_the_issuers_kid(issuer: Issuer) -> str:
    return signed(rsa_key(), "key-1")


def _another_key_under_an_unknown_kid(issuer: Issuer) -> str:
    return signed(rsa_key(), "key-nobody-published")


def _hs256_with_the_secret_key(issuer: Issuer) -> str:
    return mint_token(TEST_KEY.encode(), Role.WRIVETED_ADMIN, user_id=uuid4(), issuer=ISSUER, audience=AUDIENCE)


def _hs256_naming_the_issuers_kid(issuer: Issuer) -> str:
    # A symmetric token that names a published key: only RS256/ES256 are taken from the issuer.
    now = datetime.now(timezone.utc)
    claims = {"role": Role.WRIVETED_ADMIN.value, "iss": ISSUER, "aud": AUDIENCE, "exp": now + timedelta(minutes=5)}
    return jwt.encode(claims, TEST_KEY, algorithm="HS256", headers={"kid": "key-1"})


@pytest.mark.parametrize(
    "make_token",
    [
        _wrong_audience,
        _wrong_issuer,
        _expired,
        _another_key_under_the_issuers_kid,
        _another_key_under_an_unknown_kid,
        _hs256_with_the_secret_key,
        _hs256_naming_the_issuers_kid,
    ],
    ids=lambda make: make.__name__.strip("_").replace("_", " "),
)
async def test_a_token_the_issuer_did_not_sign_for_us_is_unauthenticated(
    api: ChatApi, issuer: tuple[Issuer, test_utils.TestServer], make_token: Callable[[Issuer], str]
) -> None:
    reply = await admin_sessions(api, make_token(issuer[0]))

    assert_problem(reply, 401, "unauthenticated")
    assert reply.headers["WWW-Authenticate"].startswith("Bearer")


async def test_an_unreachable_issuer_is_service_unavailable_not_a_bad_token(
    api: ChatApi, issuer: tuple[Issuer, test_utils.TestServer]
) -> None:
    published, server = issuer
    token = signed(published.keys["key-1"], "key-1")
    await server.close()

    reply = await admin_sessions(api, token)

    assert_problem(reply, 503, "service-unavailable")
    assert "issuer" in reply.body["detail"] and int(reply.headers["Retry-After"]) > 0


@pytest.mark.parametrize("answer", ["html", "error"])
async def test_an_issuer_answering_something_other_than_its_keys_is_service_unavailable(
    api: ChatApi, issuer: tuple[Issuer, test_utils.TestServer], answer: str
) -> None:
    published, _ = issuer
    published.answer = answer

    reply = await admin_sessions(api, signed(published.keys["key-1"], "key-1"))

    assert_problem(reply, 503, "service-unavailable")


async def test_an_issuer_that_does_not_answer_is_service_unavailable_within_the_fetch_timeout(
    huey_database: str, issuer: tuple[Issuer, test_utils.TestServer]
) -> None:
    published, _ = issuer
    published.answer = "hang"
    container = with_authenticator(jwks_container(huey_database, published), jwks_timeout=SHORT_FETCH_TIMEOUT)
    async with served(container) as api:
        began = time.monotonic()
        reply = await admin_sessions(api, signed(published.keys["key-1"], "key-1"))
        waited = time.monotonic() - began

    assert_problem(reply, 503, "service-unavailable")
    assert waited < SHORT_FETCH_TIMEOUT * 4


async def test_keys_already_fetched_keep_working_while_the_issuer_is_down(
    api: ChatApi, issuer: tuple[Issuer, test_utils.TestServer]
) -> None:
    published, server = issuer
    first = await admin_sessions(api, signed(published.keys["key-1"], "key-1"))
    await server.close()

    again = await admin_sessions(api, signed(published.keys["key-1"], "key-1"))

    assert first.status == 200 and again.status == 200, again.body
    assert published.fetches == 1


async def test_a_rotated_key_is_picked_up_and_the_withdrawn_one_is_refused(
    huey_database: str, issuer: tuple[Issuer, test_utils.TestServer]
) -> None:
    published, _ = issuer
    container = with_authenticator(jwks_container(huey_database, published), key_refresh_cooldown=0)
    async with served(container) as api:
        old_key = published.keys["key-1"]
        before = await admin_sessions(api, signed(old_key, "key-1"))
        new_key = published.publish("key-2")

        rotated = await admin_sessions(api, signed(new_key, "key-2"))
        withdrawn = await admin_sessions(api, signed(old_key, "key-1"))

    assert before.status == 200 and rotated.status == 200, rotated.body
    assert_problem(withdrawn, 401, "unauthenticated")


async def test_a_key_rotated_in_just_after_a_fetch_waits_for_the_refresh_cooldown(
    api: ChatApi, issuer: tuple[Issuer, test_utils.TestServer]
) -> None:
    # The default cooldown (30 s) stops made-up key ids from making us refetch on every
    # request; the price is that a brand-new key is refused until it has passed.
    published, _ = issuer
    await admin_sessions(api, signed(published.keys["key-1"], "key-1"))
    new_key = published.publish("key-2")

    reply = await admin_sessions(api, signed(new_key, "key-2"))

    assert_problem(reply, 401, "unauthenticated")
    assert published.fetches == 1
