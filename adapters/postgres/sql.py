"""Hand-written statements with typed parameters.

The hot-path writes are single statements built from CTEs; they read best as SQL. Each
parameter gets a type, so SQLAlchemy renders a cast (``$1::UUID``) and asyncpg never has to
guess. JSON parameters are sent as text we encoded ourselves (``json_values.to_json``) and
cast to ``jsonb`` in the SQL, so every statement encodes JSON the same way.
"""

from __future__ import annotations

from sqlalchemy import TextClause, bindparam, text
from sqlalchemy.types import TypeEngine


def typed_sql(sql: str, **types: TypeEngine | type[TypeEngine]) -> TextClause:
    """``sql`` with each named parameter bound to its type."""
    return text(sql).bindparams(*(bindparam(name, type_=type_) for name, type_ in types.items()))
