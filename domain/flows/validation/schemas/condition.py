"""Content schema of ``condition`` nodes: ordered branches, CEL strings or legacy JSON objects."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from domain.flows.validation.schemas.base import ContentModel
from domain.flows.validation.schemas.legacy_condition import legacy_condition_problem


class Branch(ContentModel):
    when: Any = Field(alias="if")
    then: str = Field(min_length=1)

    @field_validator("when")
    @classmethod
    def _cel_or_legacy(cls, value: Any) -> Any:
        if isinstance(value, str):
            if not value.strip():
                raise ValueError("a condition expression cannot be empty")
            return value
        if isinstance(value, dict):
            problem = legacy_condition_problem(value)
            if problem:
                raise ValueError(problem)
            return value
        raise ValueError("a condition is a CEL string or a JSON condition object")


class ConditionContent(ContentModel):
    conditions: list[Branch] = Field(min_length=1)
    default_path: str | None = None
    otherwise: str | None = Field(default=None, alias="else")
