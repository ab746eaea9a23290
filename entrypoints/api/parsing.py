"""Request bodies and query strings into pydantic models, with every failure a problem.

One helper for every endpoint: a body that is not JSON is 400 ``malformed-body``, one
over ``MAX_BODY_BYTES`` is 413 ``body-too-large``, and one that is JSON but not what the
model wants is 422 ``validation-failed`` with one ``{field, message}`` per fault, the
field named by its dotted path (``initial_state.user``, ``updates``). Parsing happens
before any use case runs, so a refused request stores nothing.
"""

from __future__ import annotations

from typing import TypeVar

from aiohttp import web
from pydantic import BaseModel, ValidationError

from domain.errors import FieldError, ValidationFailed
from entrypoints.api.errors import BodyTooLarge, MalformedBody

M = TypeVar("M", bound=BaseModel)

_JSON_INVALID = "json_invalid"


async def parse_body(request: web.Request, model: type[M], *, optional: bool = False) -> M:
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge as error:
        raise BodyTooLarge(f"the body is too large ({error.text})") from None
    if optional and not raw.strip():
        return model()
    try:
        return model.model_validate_json(raw)
    except ValidationError as error:
        if any(problem["type"] == _JSON_INVALID for problem in error.errors()):
            raise MalformedBody("the body is not valid JSON") from None
        raise ValidationFailed("the request body is not valid", field_errors(error, root="body")) from None


def parse_query(request: web.Request, model: type[M]) -> M:
    try:
        return model.model_validate(dict(request.query))
    except ValidationError as error:
        raise ValidationFailed("the query string is not valid", field_errors(error, root="query")) from None


def field_errors(error: ValidationError, root: str) -> list[FieldError]:
    """One FieldError per pydantic error; a fault in the whole document is named ``root``."""
    errors = []
    for problem in error.errors(include_url=False):
        path = ".".join(str(part) for part in problem["loc"])
        errors.append(FieldError(path or root, _message(problem["type"], problem["msg"])))
    return errors


def _message(kind: str, message: str) -> str:
    if kind == "model_type":
        return "must be a JSON object"
    return message[0].lower() + message[1:] if message else kind
