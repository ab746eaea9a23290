"""JSON responses encoded with orjson: the same bodies, several times faster to encode."""

from __future__ import annotations

import json
from typing import Any

import orjson
from aiohttp import web


def dumps(value: Any) -> str:
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode("utf-8")
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(value, ensure_ascii=False, default=str)


def json_response(body: Any, *, status: int = 200, content_type: str = "application/json") -> web.Response:
    return web.json_response(body, status=status, content_type=content_type, dumps=dumps)
