"""Message nodes: say one or more things; optionally wait for the user to acknowledge."""

from __future__ import annotations

from typing import Any, Generator, Mapping

from domain.conversation.outcomes import Follow, Outcome, Pause
from domain.conversation.pending import ACKNOWLEDGEMENT, input_request_for
from domain.conversation.requests import ContentItem, FetchContent, Request
from domain.conversation.walk import Walk
from domain.flows.connection import DEFAULT
from domain.flows.node import Node

_MEDIA_TYPES = ("image", "video", "audio")


def arrive(node: Node, walk: Walk) -> Generator[Request, Any, Outcome]:
    content = node.content
    items = content.get("messages")
    if not items and content.get("text"):
        items = [{"type": "text", "text": content["text"]}]
    for item in items or []:
        message = yield from _build(item, walk)
        if message is None:
            continue
        if content.get("typing_indicator"):
            message["typing_indicator"] = True
        walk.say(node.id, message)
    if content.get("wait_for_ack"):
        pending = {"node_id": node.id, "kind": ACKNOWLEDGEMENT}
        return Pause(input_request=input_request_for(pending), pending=pending, wait_for_acknowledgment=True)
    return Follow((DEFAULT,))


def _build(item: Mapping[str, Any], walk: Walk) -> Generator[Request, Any, dict[str, Any] | None]:
    if item.get("content_id"):
        found: ContentItem | None = yield FetchContent(str(item["content_id"]))
        if found is None:
            return None  # unpublished or not visible to this school: say nothing rather than fail
        message = {"type": found.type, "content": walk.render(dict(found.content)), "content_id": found.id}
        if found.variant_key:
            message["variant_key"] = found.variant_key
        return _with_delay(message, item)
    kind = str(item.get("type") or "text")
    if kind == "text":
        return _with_delay({"type": "text", "content": {"text": walk.render_text(_text_of(item))}}, item)
    if kind == "rich_text":
        body = {"html": walk.render_text(str(item.get("rich_text") or item.get("html") or _text_of(item)))}
        if item.get("text"):
            body["text"] = walk.render_text(str(item["text"]))
        return _with_delay({"type": "rich_text", "content": body}, item)
    if kind in _MEDIA_TYPES:
        return _with_delay({"type": kind, "content": walk.render(_media_of(item))}, item)
    if kind == "book_list":
        books = walk.lookup(item["source"]) if item.get("source") else item.get("books")
        return _with_delay({"type": "book_list", "content": {"books": books or []}}, item)
    return _with_delay({"type": kind, "content": walk.render(item.get("content") or {})}, item)


def _text_of(item: Mapping[str, Any]) -> str:
    if "text" in item:
        return str(item["text"])
    content = item.get("content")
    if isinstance(content, Mapping):
        return str(content.get("text", ""))
    return str(content or "")


def _media_of(item: Mapping[str, Any]) -> dict[str, Any]:
    content = item.get("content")
    if isinstance(content, Mapping):
        return dict(content)
    return {key: item[key] for key in ("url", "alt", "caption", "poster") if key in item}


def _with_delay(message: dict[str, Any], item: Mapping[str, Any]) -> dict[str, Any]:
    delay = item.get("delay", item.get("typing_delay"))
    if delay is not None:
        message["delay"] = delay
    return message
