"""Rules for choosing content: ``info`` filters and tag overlap, shared by every content store.

``info_filters`` compare against the content's ``info``: a key ``min_X`` is a lower bound the
content's own ``min_X`` must not exceed, ``max_X`` an upper bound its ``max_X`` must reach (so
``{"min_age": 9, "max_age": 9}`` finds content suitable for a nine-year-old); any other key must
equal the stored value, compared as the stored JSON type.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping


def coerce_like(value: Any, stored: Any) -> Any:
    """``value`` (often text from a query string) as the type of ``stored``."""
    if isinstance(stored, bool):
        return str(value).lower() in ("true", "1", "yes") if isinstance(value, str) else bool(value)
    if isinstance(stored, (int, float)) and isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if number.is_integer() else number
    if isinstance(stored, str) and not isinstance(value, str):
        return str(value)
    return value


def info_matches(info: Mapping[str, Any], filters: Mapping[str, Any]) -> bool:
    for key, wanted in filters.items():
        if wanted is None or wanted == "":
            continue  # an unset template (e.g. unknown age) does not narrow the pool
        stored = info.get(key)
        if stored is None:
            return False
        wanted = coerce_like(wanted, stored)
        try:
            if key.startswith("min_"):
                if stored > wanted:
                    return False
            elif key.startswith("max_"):
                if stored < wanted:
                    return False
            elif stored != wanted:
                return False
        except TypeError:
            return False
    return True


def tags_overlap(content_tags: Iterable[str], wanted: Iterable[str]) -> bool:
    wanted_set = set(wanted)
    return not wanted_set or bool(wanted_set.intersection(content_tags))
