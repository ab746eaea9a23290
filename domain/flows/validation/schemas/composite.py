"""Content schema of ``composite`` nodes: a sub-flow by seed key or id, with optional explicit I/O."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from domain.flows.validation.schemas.base import ContentModel, NonEmptyStr


class CompositeContent(ContentModel):
    composite_flow_seed_key: NonEmptyStr | None = None
    composite_flow_id: NonEmptyStr | None = None
    # inputs: sub-flow ``input`` name -> value (template); outputs: sub-flow output -> parent variable.
    inputs: dict[str, Any] = {}
    outputs: dict[str, str] = {}

    @model_validator(mode="after")
    def _names_a_flow(self) -> CompositeContent:
        if self.composite_flow_seed_key is None and self.composite_flow_id is None:
            raise ValueError("a composite needs composite_flow_seed_key or composite_flow_id")
        return self
