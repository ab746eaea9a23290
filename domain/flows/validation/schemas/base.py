"""The base of every node content schema, and small shared field types.

Content schemas are *strict on the keys they know* (a string is not silently coerced into a
number) and *ignore keys they do not know*, so real flows exported by older editors load
unchanged while a mistyped known key is caught before publishing.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

HttpMethod = Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
PositiveSeconds = Annotated[float, Field(gt=0)]
NonNegativeSeconds = Annotated[float, Field(ge=0)]
NonEmptyStr = Annotated[str, Field(min_length=1)]


class ContentModel(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True, populate_by_name=True, frozen=True)


def wrap_string(value: Any, key: str) -> Any:
    """A bare string given where an object is expected becomes ``{key: value}``."""
    return {key: value} if isinstance(value, str) else value
