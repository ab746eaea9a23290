"""The OpenAPI 3.1 document (``/v1/openapi.json``) and a docs page (``/v1/docs``).

Route modules describe their endpoints as ``Endpoint`` values next to the handlers, naming
the same pydantic models the handlers parse with; the document is generated from those
models (``models_json_schema``), so it cannot drift from what is enforced. Every error
status an endpoint can answer is listed with the problem+json schema.

The docs page is self-contained HTML built from the same document (no script, no CDN):
every operation with its parameters, body, responses, and the schemas.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from aiohttp import web
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from entrypoints.api.errors import PROBLEM_CONTENT_TYPE
from entrypoints.api.json_responses import json_response

Auth = Literal["none", "optional", "admin"]
REF = "#/components/schemas/{model}"

ERROR_DESCRIPTIONS = {
    400: "Malformed body (not JSON)",
    401: "Missing, invalid or expired bearer token",
    403: "Forbidden: missing or wrong CSRF proof, or a role that may not do this",
    404: "No such conversation or flow",
    409: "Stale revision (with `current_revision`) or the conversation has ended",
    413: "Body over the size limit",
    422: "Invalid input; `errors` names each field",
    429: "Rate limited; see `Retry-After`",
    503: "The database, or the bearer token's issuer, cannot be reached right now; retry later",
}
# Every endpoint reaches the database (and may check a bearer token), so every one may say 503.
ALWAYS_POSSIBLE = (503,)


@dataclass(frozen=True, slots=True)
class Endpoint:
    method: str
    path: str
    summary: str
    operation_id: str
    tag: str
    request: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    status: int = 200
    errors: Sequence[int] = ()
    parameters: Sequence[dict[str, Any]] = ()
    auth: Auth = "none"
    csrf: bool = False
    idempotent: bool = False
    sets_cookies: bool = False
    request_required: bool = True
    description: str = ""


def build_document(endpoints: Iterable[Endpoint], problem: type[BaseModel], version: str) -> dict[str, Any]:
    endpoints = list(endpoints)
    models = {m for e in endpoints for m in (e.request, e.response) if m is not None} | {problem}
    _, definitions = models_json_schema(
        [(model, "validation") for model in sorted(models, key=lambda m: m.__name__)], ref_template=REF
    )
    paths: dict[str, dict[str, Any]] = {}
    for endpoint in endpoints:
        paths.setdefault(endpoint.path, {})[endpoint.method] = _operation(endpoint, problem)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Wriveted chatbot API",
            "version": version,
            "description": "Huey the Bookbot: the chat runtime. Errors are RFC 9457 application/problem+json.",
        },
        "paths": paths,
        "components": {
            "schemas": definitions.get("$defs", {}),
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                "csrf": {"type": "apiKey", "in": "header", "name": "X-CSRF-Token",
                         "description": "with the matching csrf_token cookie (double submit)"},
            },
        },
    }


def _operation(endpoint: Endpoint, problem: type[BaseModel]) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": endpoint.operation_id,
        "summary": endpoint.summary,
        "tags": [endpoint.tag],
        "parameters": [*endpoint.parameters, *_query_parameters(endpoint.query), *_headers(endpoint)],
        "responses": {str(endpoint.status): _success(endpoint)},
    }
    if endpoint.description:
        operation["description"] = endpoint.description
    if endpoint.request is not None:
        operation["requestBody"] = {
            "required": endpoint.request_required,
            "content": {"application/json": {"schema": _ref(endpoint.request)}},
        }
    for status in (*endpoint.errors, *ALWAYS_POSSIBLE):
        operation["responses"][str(status)] = {
            "description": ERROR_DESCRIPTIONS.get(status, "Error"),
            "content": {PROBLEM_CONTENT_TYPE: {"schema": _ref(problem)}},
        }
    security = _security(endpoint)
    if security is not None:
        operation["security"] = security
    return operation


def _success(endpoint: Endpoint) -> dict[str, Any]:
    if endpoint.response is None:
        return {"description": "Done"}
    success: dict[str, Any] = {
        "description": endpoint.response.__doc__.strip().splitlines()[0] if endpoint.response.__doc__ else "OK",
        "content": {"application/json": {"schema": _ref(endpoint.response)}},
    }
    if endpoint.sets_cookies:
        success["headers"] = {"Set-Cookie": {"schema": {"type": "string"}, "description": "csrf_token and chat_session"}}
    return success


def _security(endpoint: Endpoint) -> list[dict[str, list[str]]] | None:
    if endpoint.auth == "admin":
        return [{"bearer": []}]
    if endpoint.auth == "optional":
        return [{}, {"bearer": []}]
    if endpoint.csrf:
        return [{"csrf": []}]
    return None


def _query_parameters(model: type[BaseModel] | None) -> list[dict[str, Any]]:
    if model is None:
        return []
    schema = model.model_json_schema(ref_template=REF)
    required = set(schema.get("required", []))
    return [
        {"name": name, "in": "query", "required": name in required, "schema": prop}
        for name, prop in schema.get("properties", {}).items()
    ]


def _headers(endpoint: Endpoint) -> list[dict[str, Any]]:
    headers = []
    if endpoint.idempotent:
        headers.append({"name": "Idempotency-Key", "in": "header", "required": False,
                        "schema": {"type": "string", "maxLength": 128},
                        "description": "a repeat with the same key returns the first reply and changes nothing"})
    return headers


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": REF.format(model=model.__name__)}


# -- serving ----------------------------------------------------------------------------------

OPENAPI_DOCUMENT = web.AppKey("openapi_document", dict)
routes = web.RouteTableDef()


@routes.get("/v1/openapi.json")
async def openapi_json(request: web.Request) -> web.Response:
    return json_response(request.app[OPENAPI_DOCUMENT])


@routes.get("/v1/docs")
async def docs_page(request: web.Request) -> web.Response:
    return web.Response(text=render_docs(request.app[OPENAPI_DOCUMENT]), content_type="text/html")


def render_docs(document: dict[str, Any]) -> str:
    e = html.escape
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        f"<title>{e(document['info']['title'])}</title>",
        "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        "code,pre{background:#f4f4f4;padding:.1em .3em}pre{padding:.6em;overflow:auto}"
        "h3{margin-bottom:.2em}.m{font-weight:bold;text-transform:uppercase;margin-right:.5em}</style></head><body>",
        f"<h1>{e(document['info']['title'])} <small>{e(document['info']['version'])}</small></h1>",
        f"<p>{e(document['info']['description'])} Machine-readable: <a href=\"/v1/openapi.json\">/v1/openapi.json</a>.</p>",
        "<h2>Endpoints</h2>",
    ]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            parts.append(f"<h3 id=\"{e(operation['operationId'])}\"><span class=m>{e(method)}</span><code>{e(path)}</code></h3>")
            parts.append(f"<p>{e(operation['summary'])}. {e(operation.get('description', ''))}</p><ul>")
            for parameter in operation["parameters"]:
                parts.append(f"<li>{e(parameter['in'])} <code>{e(parameter['name'])}</code></li>")
            if "requestBody" in operation:
                parts.append(f"<li>body: <code>{e(_schema_name(operation['requestBody']))}</code></li>")
            for status, response in operation["responses"].items():
                parts.append(f"<li>{e(status)}: {e(response['description'])}</li>")
            parts.append("</ul>")
    parts.append("<h2>Schemas</h2>")
    for name, schema in document["components"]["schemas"].items():
        parts.append(f"<h3 id=\"schema-{e(name)}\">{e(name)}</h3><pre>{e(_pretty(schema))}</pre>")
    parts.append("</body></html>")
    return "".join(parts)


def _schema_name(body: dict[str, Any]) -> str:
    ref = body["content"]["application/json"]["schema"]["$ref"]
    return str(ref).rsplit("/", 1)[-1]


def _pretty(schema: dict[str, Any]) -> str:
    lines = []
    for name, prop in schema.get("properties", {}).items():
        kind = prop.get("type") or prop.get("$ref", "").rsplit("/", 1)[-1] or "any"
        if "anyOf" in prop:
            kind = " | ".join(p.get("type") or p.get("$ref", "").rsplit("/", 1)[-1] or "any" for p in prop["anyOf"])
        required = " (required)" if name in schema.get("required", []) else ""
        description = f" - {prop['description']}" if prop.get("description") else ""
        lines.append(f"{name}: {kind}{required}{description}")
    return "\n".join(lines) or "(any)"
