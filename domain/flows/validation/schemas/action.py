"""Content schemas of ``action`` nodes and of each action type inside them.

The container and each action are validated separately (see ``registry``): an action's schema
is chosen by its ``type``, so an error is reported at ``actions[i].field`` rather than under a
union member's name.
"""

from __future__ import annotations

from typing import Any, Literal, Mapping

from pydantic import Field, model_validator

from domain.flows.validation.schemas.base import ContentModel, HttpMethod, NonEmptyStr, PositiveSeconds


class ActionContent(ContentModel):
    actions: list[dict[str, Any]] = []


class SetVariable(ContentModel):
    type: Literal["set_variable"]
    variable: NonEmptyStr
    value: Any


class Step(ContentModel):
    """``increment`` / ``decrement``; the amount defaults to 1."""

    type: Literal["increment", "decrement"]
    variable: NonEmptyStr
    amount: float | None = None


class DeleteVariable(ContentModel):
    type: Literal["delete_variable"]
    variable: NonEmptyStr


class Aggregate(ContentModel):
    """A CEL ``expression``, or the legacy ``source``/``field``/``operation`` form."""

    type: Literal["aggregate"]
    expression: NonEmptyStr | None = None
    target: NonEmptyStr
    source: NonEmptyStr | None = None
    field: str | None = None
    operation: NonEmptyStr | None = None
    weight_field: str | None = None

    @model_validator(mode="after")
    def _has_an_input(self) -> Aggregate:
        if self.expression is None and (self.source is None or self.operation is None):
            raise ValueError("an aggregate needs an expression, or a source and an operation")
        return self


class CircuitBreaker(ContentModel):
    failure_threshold: int = Field(default=5, ge=1)
    timeout: PositiveSeconds = 30.0


class ApiCallConfig(ContentModel):
    endpoint: NonEmptyStr
    method: HttpMethod = "GET"
    body: Any = None
    query_params: dict[str, Any] = {}
    headers: dict[str, str] = {}
    # Internal APIs map response fields (keys) onto state variables (values).
    response_mapping: dict[str, str] = {}
    response_variable: str | None = None
    error_variable: str | None = None
    fallback_response: Any = None
    circuit_breaker: CircuitBreaker | None = None
    timeout: PositiveSeconds | None = None
    run_async: bool = Field(default=False, alias="async")


class ApiCall(ContentModel):
    """The current form puts everything under ``config``; older flows put url/method/body inline."""

    type: Literal["api_call"]
    config: ApiCallConfig | None = None
    url: NonEmptyStr | None = None
    endpoint: NonEmptyStr | None = None
    method: HttpMethod | None = None
    body: Any = None

    @model_validator(mode="after")
    def _has_an_endpoint(self) -> ApiCall:
        if self.config is None and self.url is None and self.endpoint is None:
            raise ValueError("an api_call needs a config with an endpoint")
        return self


ACTION_SCHEMAS: Mapping[str, type[ContentModel]] = {
    "set_variable": SetVariable,
    "increment": Step,
    "decrement": Step,
    "delete_variable": DeleteVariable,
    "aggregate": Aggregate,
    "api_call": ApiCall,
}
