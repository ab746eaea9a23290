"""Content schema of ``message`` nodes: a list of typed messages, or a plain ``text`` fallback."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import field_validator, model_validator

from domain.flows.validation.schemas.base import ContentModel, NonNegativeSeconds, wrap_string

MessageType = Literal["text", "rich_text", "image", "video", "audio", "book_list"]
_MEDIA_TYPES = frozenset({"image", "video", "audio"})
_TEXT_TYPES = frozenset({"text", "rich_text"})


class MessageBody(ContentModel):
    """An item's ``content``: text for text messages, ``{url, alt}`` for media."""

    text: str | None = None
    url: str | None = None
    alt: str | None = None


class MessageItem(ContentModel):
    type: MessageType | None = None
    content_id: str | None = None
    text: str | None = None
    content: MessageBody | None = None
    url: str | None = None
    alt: str | None = None
    source: str | None = None
    delay: NonNegativeSeconds | None = None
    typing_delay: NonNegativeSeconds | None = None

    @field_validator("content", mode="before")
    @classmethod
    def _text_content(cls, value: Any) -> Any:
        return wrap_string(value, "text")

    @model_validator(mode="after")
    def _has_something_to_show(self) -> MessageItem:
        if self.content_id:
            return self
        body = self.content or MessageBody()
        if self.type in _MEDIA_TYPES and not (self.url or body.url):
            raise ValueError(f"an {self.type} message needs a url (or content.url)")
        if self.type == "book_list" and not self.source:
            raise ValueError("a book_list message needs a source variable holding the books")
        if (self.type in _TEXT_TYPES or self.type is None) and self.text is None and body.text is None:
            raise ValueError("a text message needs text, content or content_id")
        return self


class MessageContent(ContentModel):
    messages: list[MessageItem] = []
    text: str | None = None
    typing_indicator: bool | None = None
    wait_for_ack: bool | None = None
