"""CSRF protection for the chat widget, and the cookies that carry it.

Double-submit cookie, bound to the session: ``/v1/chat/start`` answers with a
``csrf_token`` (in the body and in a ``csrf_token`` cookie the widget's script may read)
and an HttpOnly ``chat_session`` cookie holding the session token. Every state-changing
call on a session (interact, end, state PATCH) must send the token twice, as the cookie
and as the ``X-CSRF-Token`` header, and both must equal the token derived for that
session: ``HMAC-SHA256(signing key, session token)``. A page on another site can make
the browser send the cookie but can neither read it nor set the header, so it is refused;
binding the token to the session means a cookie planted by a sibling domain for some
other session does not help either. All comparisons are constant-time.

SameSite (``COOKIE_SAMESITE``) defaults to ``Strict``: the chat page and the API share
an origin. A widget embedded on a school's own site needs ``none``, which browsers accept
only with ``Secure``, so ``none`` always keeps Secure. Secure is dropped only when
``COOKIE_INSECURE_LOCALHOST`` is set and the request came over plain http to localhost,
for local development.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

from aiohttp import web

from domain.errors import Forbidden

CSRF_COOKIE = "csrf_token"
SESSION_COOKIE = "chat_session"
CSRF_HEADER = "X-CSRF-Token"
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


@dataclass(frozen=True, slots=True)
class CookiePolicy:
    samesite: str = "strict"
    insecure_localhost: bool = False
    max_age: int = 28_800

    def secure_for(self, request: web.Request) -> bool:
        if self.samesite == "none" or not self.insecure_localhost:
            return True
        return request.scheme != "http" or (request.url.host or "") not in _LOCAL_HOSTS


class CsrfGuard:
    def __init__(self, key: bytes, policy: CookiePolicy) -> None:
        self._key = key
        self._policy = policy

    def token_for(self, session_token: str) -> str:
        digest = hmac.new(self._key, b"csrf:" + session_token.encode("utf-8"), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")

    def check(self, request: web.Request, session_token: str) -> None:
        """Refuse (403) unless cookie and header both carry this session's CSRF token."""
        header = request.headers.get(CSRF_HEADER, "")
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if not header or not cookie:
            raise Forbidden(f"this request needs the {CSRF_COOKIE} cookie and the {CSRF_HEADER} header")
        expected = self.token_for(session_token).encode("ascii")
        header_ok = hmac.compare_digest(header.encode("utf-8"), expected)
        cookie_ok = hmac.compare_digest(cookie.encode("utf-8"), expected)
        if not (header_ok and cookie_ok):
            raise Forbidden("the CSRF token does not match this conversation")

    def set_cookies(self, response: web.StreamResponse, request: web.Request, session_token: str) -> str:
        """Set both chat cookies on ``response``; return the CSRF token."""
        csrf_token = self.token_for(session_token)
        secure = self._policy.secure_for(request)
        common = {"max_age": self._policy.max_age, "path": "/", "samesite": self._policy.samesite.capitalize(), "secure": secure}
        response.set_cookie(CSRF_COOKIE, csrf_token, **common)
        response.set_cookie(SESSION_COOKIE, session_token, httponly=True, **common)
        return csrf_token
