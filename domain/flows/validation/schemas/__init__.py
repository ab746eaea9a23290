"""Pydantic schemas of each node type's content, one module per type, and the check using them."""

from domain.flows.validation.schemas.registry import CONTENT_SCHEMAS, schema_findings

__all__ = ["CONTENT_SCHEMAS", "schema_findings"]
