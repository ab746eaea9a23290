"""Process settings, read from the environment (pydantic-settings).

The standard names (``DATABASE_URL``, ``REDIS_URL``, ``PORT`` ...) carry no prefix, so the
service runs unchanged on any platform that sets them. Every value is checked here, at
start-up, so a bad one stops the process with a line naming the setting.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

LogFormat = Literal["json", "console"]
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]

_POSTGRES_SCHEMES = {"postgres", "postgresql", "postgresql+asyncpg"}


class Settings(BaseSettings):
    """Everything a process needs to know about its surroundings."""

    model_config = SettingsConfigDict(case_sensitive=False, extra="ignore", frozen=True)

    database_url: str | None = Field(
        default=None,
        description="PostgreSQL URL; unset means an embedded server in DATA_DIR",
    )
    redis_url: str | None = Field(default=None, description="Redis URL; unset means in-process tasks")
    secret_key: SecretStr | None = Field(default=None, description="signs session and CSRF tokens")
    log_level: LogLevel = "INFO"
    log_format: LogFormat | None = Field(
        default=None, description="json or console; unset picks console on a terminal, else json"
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    data_dir: Path = Field(default=Path(".data"), description="home of the embedded database")

    # Chat runtime (issue 4): authentication, cookies, limits. See entrypoints/api/auth.py,
    # csrf.py and rate_limit.py for what each one governs.
    jwks_url: str | None = Field(
        default=None, description="an issuer's JWKS URL; unset means HS256 tokens signed with SECRET_KEY"
    )
    jwt_issuer: str | None = Field(default=None, description="required `iss` claim when set")
    jwt_audience: str | None = Field(default=None, description="required `aud` claim when set")
    cookie_samesite: Literal["strict", "lax", "none"] = Field(
        default="strict",
        description="SameSite of the chat cookies; `none` (always Secure) for widgets on other sites",
    )
    cookie_insecure_localhost: bool = Field(
        default=False, description="drop Secure from chat cookies on plain-http localhost requests"
    )
    chat_session_ttl_seconds: int = Field(default=28_800, ge=60, description="Max-Age of the chat cookies")
    rate_limit_enabled: bool = True
    rate_limit_session_per_second: float = Field(default=5.0, gt=0)
    rate_limit_session_burst: int = Field(default=20, ge=1)
    rate_limit_address_per_second: float = Field(default=100.0, gt=0)
    rate_limit_address_burst: int = Field(default=200, ge=1)
    max_body_bytes: int = Field(default=1_048_576, ge=1024, description="larger request bodies get 413")
    platform_api_url: str | None = Field(
        default=None, description="base URL of the platform API that api_call actions reach"
    )
    database_pool_size: int = Field(default=10, ge=1, le=200)
    reply_purge_interval_seconds: int = Field(
        default=900, ge=0, description="how often serve forgets expired stored replies; 0: never (use chatbot purge)"
    )
    # Performance: the CEL engine behind the expression port, and API processes per host.
    expression_engine: Literal["native", "python"] = Field(
        default="native", description="native (Rust-backed) or python (cel-python) CEL"
    )
    workers: int = Field(default=1, ge=1, le=64, description="API processes sharing the port")

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("log_format", "cookie_samesite", mode="before")
    @classmethod
    def _lower_format(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _asyncpg_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return normalise_database_url(value)


def normalise_database_url(raw: str) -> str:
    """Return ``raw`` as a ``postgresql+asyncpg://`` URL, or raise ``ValueError`` saying why not."""
    try:
        url: URL = make_url(raw.strip())
    except ArgumentError:
        raise ValueError(
            "not a URL (expected postgresql://user:password@host:port/database)"
        ) from None
    except ValueError:
        # make_url raises a bare ValueError for a port that is not a number.
        raise ValueError("has a port that is not a number") from None
    if url.drivername not in _POSTGRES_SCHEMES:
        raise ValueError(f"scheme {url.drivername!r} is not PostgreSQL (expected postgresql://...)")
    if not url.database:
        raise ValueError("names no database (expected postgresql://user:password@host:port/database)")
    if not url.host and "host" not in url.query:
        raise ValueError("names no host (expected postgresql://user:password@host:port/database)")
    return url.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


def describe_validation_error(error: ValidationError) -> list[str]:
    """One line per bad setting, named as it is in the environment (``DATABASE_URL: ...``)."""
    lines = []
    for problem in error.errors():
        name = str(problem["loc"][0]).upper() if problem["loc"] else "settings"
        message = problem["msg"].removeprefix("Value error, ")
        lines.append(f"{name}: {message}")
    return lines
