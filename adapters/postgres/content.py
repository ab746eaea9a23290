"""PostgresContentRepository: published CMS content a conversation may show.

Visible content is published, active, and either for everyone (``wriveted``, ``public``) or
for the conversation's school (``school``, ``private`` of that school), as in the memory
store. ``find_published`` applies ``domain.content.selection`` in SQL: the info filters travel
as one JSON array, so the statement's text never changes and stays prepared; each filter
carries its wanted value already coerced to every JSON type the stored value might have
(by the domain's own ``coerce_like``), and the SQL picks the one matching the stored type.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from sqlalchemy import Integer, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import UUID as PG_UUID

from adapters.postgres.json_values import to_json
from adapters.postgres.rows import content_item_from_row, uuid_or_none
from adapters.postgres.sql import typed_sql
from adapters.postgres.staging import Reads
from adapters.postgres.tables import content_type
from domain.content.selection import coerce_like
from domain.conversation.requests import ContentItem, FindContent

_UUID = PG_UUID(as_uuid=True)
_CONTENT_TYPES = frozenset(content_type.enums)

_VISIBLE = """
    c.status = 'published' AND c.is_active
    AND (c.visibility IN ('wriveted', 'public') OR c.school_id = :school_id)
"""

_GET = typed_sql(
    f"SELECT c.id, c.type, c.content, c.tags, c.info FROM cms_content AS c WHERE c.id = :id AND {_VISIBLE}",
    id=_UUID,
    school_id=_UUID,
)

# A row passes when no filter fails it. A filter fails when the key is missing, the stored
# value is JSON null, or the comparison (min_: stored <= wanted, max_: stored >= wanted,
# otherwise equality) is false or NULL (a wanted value not coercible to the stored type).
_FIND = typed_sql(
    f"""
    SELECT c.id, c.type, c.content, c.tags, c.info
    FROM cms_content AS c
    WHERE {_VISIBLE}
      AND c.type = CAST(:content_type AS enum_cms_content_type)
      AND (cardinality(:tags) = 0 OR c.tags && :tags)
      AND c.id <> ALL (:exclude_ids)
      AND NOT EXISTS (
          SELECT 1
          FROM jsonb_to_recordset(CAST(:filters AS jsonb))
               AS f (key text, bound text, as_bool jsonb, as_number jsonb, as_string jsonb, as_is jsonb)
          CROSS JOIN LATERAL (SELECT c.info -> f.key AS stored) AS s
          CROSS JOIN LATERAL (
              SELECT CASE jsonb_typeof(s.stored)
                  WHEN 'boolean' THEN f.as_bool
                  WHEN 'number' THEN f.as_number
                  WHEN 'string' THEN f.as_string
                  WHEN 'null' THEN NULL
                  ELSE f.as_is
              END AS wanted
          ) AS w
          WHERE NOT coalesce(
              CASE f.bound
                  WHEN 'min' THEN s.stored <= w.wanted
                  WHEN 'max' THEN s.stored >= w.wanted
                  ELSE s.stored = w.wanted
              END,
              false
          )
      )
    ORDER BY c.id
    LIMIT :limit
    """,
    school_id=_UUID,
    content_type=Text,
    tags=ARRAY(Text),
    exclude_ids=ARRAY(_UUID),
    filters=Text,
    limit=Integer,
)


def filters_json(info_filters: Mapping[str, Any]) -> str:
    """The info filters as the JSON array ``_FIND`` reads, with each wanted value pre-coerced."""
    prepared = []
    for key, wanted in info_filters.items():
        if wanted is None or wanted == "":
            continue  # an unset template (e.g. unknown age) does not narrow the pool
        bound = "min" if key.startswith("min_") else "max" if key.startswith("max_") else "eq"
        entry: dict[str, Any] = {
            "key": key,
            "bound": bound,
            "as_bool": coerce_like(wanted, True),
            "as_string": coerce_like(wanted, ""),
            "as_is": wanted,
        }
        number = _as_number(coerce_like(wanted, 0))
        if number is not None:
            entry["as_number"] = number
        prepared.append(entry)
    return to_json(prepared)


def _as_number(value: Any) -> int | float | None:
    """A JSON number, or None: non-numbers and NaN/inf compare false in Python, NULL in SQL."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    return None


class PostgresContentRepository:
    def __init__(self, reads: Reads) -> None:
        self._reads = reads

    async def get_published(self, content_id: str, school_id: UUID | None) -> ContentItem | None:
        content_uuid = uuid_or_none(content_id)
        if content_uuid is None:
            return None
        row = await self._reads.first(_GET, {"id": content_uuid, "school_id": school_id})
        return content_item_from_row(row) if row else None

    async def find_published(self, query: FindContent, school_id: UUID | None, limit: int) -> list[ContentItem]:
        if query.content_type not in _CONTENT_TYPES:
            return []  # no content can have a type the store does not know
        excluded = [u for u in (uuid_or_none(i) for i in query.exclude_ids) if u is not None]
        params = {
            "school_id": school_id,
            "content_type": query.content_type,
            "tags": list(query.tags),
            "exclude_ids": excluded,
            "filters": filters_json(query.info_filters),
            "limit": limit,
        }
        return [content_item_from_row(row) for row in await self._reads.rows(_FIND, params)]
