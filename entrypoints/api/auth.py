"""Bearer-token authentication for admin and CMS callers (and optionally the chat widget).

A token is a JWT carrying ``sub`` (the user id), ``role`` (one of ``domain.tenancy.
identity.Role``) and, for school staff and students, ``school_id``; it must carry ``exp``.
By default tokens are HS256, signed with the process's signing key (``SECRET_KEY``);
with ``JWKS_URL`` set they are verified against the issuer's published keys instead
(RS256/ES256), and ``JWT_ISSUER``/``JWT_AUDIENCE`` are required when set.

No ``Authorization`` header means an anonymous caller (``None``): the chat widget is
anonymous and proves itself with its session token. A header that is present but
malformed, badly signed or expired is always 401: a caller that tried to sign in must
learn that it failed rather than silently continue as nobody.

An issuer whose keys cannot be fetched (refused, timed out, an error page instead of a
JWKS) is 503 ``service-unavailable`` with ``Retry-After``, not 401: the token may well be
good, and a 401 would tell the client to throw it away and sign in again, against an
issuer that is down. The fetch is bounded by ``JWKS_TIMEOUT_SECONDS`` because it holds a
worker thread and PyJWT's default (30 s) outlasts most clients' patience.

Keys are cached as the whole published set for ``JWKS_LIFESPAN_SECONDS``, never one by
one: PyJWT's per-key cache never expires, so a key the issuer withdrew (rotated out or
compromised) would be trusted until the process restarts. A token naming a key the
cached set lacks refetches the set at once, unless a fetch happened in the last
``KEY_REFRESH_COOLDOWN_SECONDS``: tokens with made-up key ids cannot make us hammer the
issuer, at the price that a key rotated in within that window is refused until it passes.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from typing import Any
from uuid import UUID

import jwt
from aiohttp import web

from domain.errors import Forbidden, Unauthenticated
from domain.tenancy.identity import Identity, Role

HS_ALGORITHM = "HS256"
JWKS_ALGORITHMS = ["RS256", "ES256"]
DEFAULT_TTL = timedelta(hours=1)
JWKS_TIMEOUT_SECONDS = 5.0
JWKS_LIFESPAN_SECONDS = 300.0
KEY_REFRESH_COOLDOWN_SECONDS = 30.0
ISSUER_RETRY_AFTER_SECONDS = 5
_LEEWAY_SECONDS = 10


class Authenticator:
    def __init__(
        self,
        key: bytes,
        *,
        jwks_url: str | None = None,
        issuer: str | None = None,
        audience: str | None = None,
        jwks_timeout: float = JWKS_TIMEOUT_SECONDS,
        key_refresh_cooldown: float = KEY_REFRESH_COOLDOWN_SECONDS,
    ) -> None:
        self._key = key
        self._issuer = issuer
        self._audience = audience
        self._jwks = (
            jwt.PyJWKClient(
                jwks_url,
                lifespan=JWKS_LIFESPAN_SECONDS,
                timeout=jwks_timeout,
                cooldown_duration=key_refresh_cooldown,
            )
            if jwks_url
            else None
        )

    async def identify(self, request: web.Request) -> Identity | None:
        """The caller's identity, or None when the request carries no bearer token."""
        header = request.headers.get("Authorization")
        if header is None:
            return None
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated("the Authorization header must be `Bearer <token>`")
        return await self.decode(token.strip())

    async def require(self, request: web.Request) -> Identity:
        identity = await self.identify(request)
        if identity is None:
            raise Unauthenticated("this endpoint needs a bearer token")
        return identity

    async def require_admin(self, request: web.Request) -> Identity:
        identity = await self.require(request)
        if not identity.is_admin:
            raise Forbidden(f"the {identity.role.value} role may not use this endpoint")
        return identity

    async def decode(self, token: str) -> Identity:
        try:
            key: Any = self._key
            algorithms = [HS_ALGORITHM]
            if self._jwks is not None:
                key = await self._issuer_key(self._jwks, token)
                algorithms = JWKS_ALGORITHMS
            claims = jwt.decode(
                token,
                key,
                algorithms=algorithms,
                issuer=self._issuer,
                audience=self._audience,
                leeway=_LEEWAY_SECONDS,
                options={"require": ["exp", "role"], "verify_aud": self._audience is not None},
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("the bearer token has expired") from None
        except jwt.PyJWTError as error:
            raise Unauthenticated(f"the bearer token is not valid ({error})") from None
        return identity_from_claims(claims)

    async def _issuer_key(self, jwks: jwt.PyJWKClient, token: str) -> Any:
        """The issuer's key named by the token's ``kid``; 503 when the issuer cannot be asked."""
        try:
            # PyJWKClient fetches over blocking urllib; keep it off the event loop.
            return (await asyncio.to_thread(jwks.get_signing_key_from_jwt, token)).key
        except jwt.PyJWKClientConnectionError as error:
            raise _issuer_unavailable(str(error)) from None
        except jwt.PyJWTError:
            raise  # the token's own fault (garbage, unknown kid): 401 in decode
        except (OSError, ValueError) as error:
            # A reset mid-body or an answer that is not JSON escapes PyJWT untranslated.
            raise _issuer_unavailable(f"{type(error).__name__}: {error}") from None


def _issuer_unavailable(reason: str) -> web.HTTPServiceUnavailable:
    return web.HTTPServiceUnavailable(
        text=f"the token issuer's keys could not be fetched ({reason})",
        headers={"Retry-After": str(ISSUER_RETRY_AFTER_SECONDS)},
    )


def identity_from_claims(claims: dict[str, Any]) -> Identity:
    try:
        role = Role(str(claims["role"]))
        user_id = UUID(str(claims["sub"])) if claims.get("sub") else None
        school_id = UUID(str(claims["school_id"])) if claims.get("school_id") else None
    except (KeyError, ValueError):
        raise Unauthenticated("the bearer token's claims are not a known role, user and school") from None
    return Identity(user_id=user_id, role=role, school_id=school_id)


def mint_token(
    key: bytes,
    role: Role,
    *,
    user_id: UUID | None = None,
    school_id: UUID | None = None,
    ttl: timedelta = DEFAULT_TTL,
    now: datetime | None = None,
    issuer: str | None = None,
    audience: str | None = None,
) -> str:
    """An HS256 token for local use (``chatbot token``) and tests."""
    issued = now or datetime.now(timezone.utc)
    claims: dict[str, Any] = {"role": role.value, "iat": issued, "exp": issued + ttl}
    if user_id is not None:
        claims["sub"] = str(user_id)
    if school_id is not None:
        claims["school_id"] = str(school_id)
    if issuer is not None:
        claims["iss"] = issuer
    if audience is not None:
        claims["aud"] = audience
    return jwt.encode(claims, key, algorithm=HS_ALGORITHM)
