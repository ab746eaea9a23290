"""Content schema of ``webhook`` nodes (external HTTP calls). Timeouts are in seconds."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from domain.flows.validation.schemas.base import (
    ContentModel,
    HttpMethod,
    NonEmptyStr,
    NonNegativeSeconds,
    PositiveSeconds,
)


class Retry(ContentModel):
    attempts: int = Field(default=0, ge=0, le=10)
    delay: NonNegativeSeconds = 0


class WebhookContent(ContentModel):
    url: NonEmptyStr
    method: HttpMethod = "POST"
    headers: dict[str, str] = {}
    body: Any = None
    query_params: dict[str, Any] = {}
    # Webhooks map state variables (keys) onto JSONPath expressions into the response (values).
    response_mapping: dict[str, str] = {}
    timeout: PositiveSeconds | None = None
    retry: Retry | None = None
    fallback_response: Any = None
    run_async: bool = Field(default=False, alias="async")
