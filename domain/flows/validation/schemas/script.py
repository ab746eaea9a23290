"""Content schema of ``script`` nodes, run in the browser. ``timeout`` is in milliseconds."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from domain.flows.validation.schemas.base import ContentModel, NonEmptyStr


class ScriptContent(ContentModel):
    language: Literal["javascript", "typescript"]
    code: NonEmptyStr
    inputs: dict[str, Any] = {}
    outputs: list[NonEmptyStr] = []
    dependencies: list[NonEmptyStr] = []
    timeout: float | None = Field(default=None, gt=0)
