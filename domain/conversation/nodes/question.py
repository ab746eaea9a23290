"""Question nodes: ask, wait, then check and store the answer.

A question's prompt is a string, ``{text}``, or ``{content_id}`` (CMS question content); with
``source: "random"`` it is drawn from CMS question content by ``source_config`` without repeats
(ids shown are kept in ``track_shown_in`` and excluded through ``exclude_from``), and the drawn
content's ``answers`` become the options.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Generator, Mapping

from domain.conversation.answers import accept, option_index
from domain.conversation.outcomes import Follow, Outcome, Pause
from domain.conversation.paths import qualified
from domain.conversation.pending import QUESTION, input_request_for, question_message
from domain.conversation.requests import ContentItem, FetchContent, FindContent, Request
from domain.conversation.walk import Walk
from domain.errors import FlowRuntimeError
from domain.flows.connection import DEFAULT
from domain.flows.node import Node


def arrive(node: Node, walk: Walk) -> Generator[Request, Any, Outcome]:
    content = node.content
    variable = content.get("variable") or content.get("result_variable")
    input_type = str(content.get("input_type") or "text")
    if content.get("source") == "random":
        prompt, options, content_id = yield from _random_prompt(node, walk)
    else:
        prompt, options, content_id = yield from _static_prompt(node, walk)
    validation = dict(content.get("validation") or {})
    for bound in ("min", "max", "step"):
        if bound in content and bound not in validation:
            validation[bound] = content[bound]
    pending = {
        "node_id": node.id,
        "kind": QUESTION,
        "input_type": input_type,
        "variable": qualified(str(variable)) if variable else None,
        "options": options,
        "validation": validation,
        "question": prompt,
        "content_id": content_id,
    }
    walk.say(node.id, question_message(pending))
    return Pause(input_request=input_request_for(pending), pending=pending)


def answer(node: Node, pending: Mapping[str, Any], raw: Any, walk: Walk) -> Outcome:
    """Store the accepted answer (raises AnswerRejected, state untouched, when refused)."""
    options = pending.get("options") or []
    value = accept(raw, pending["input_type"], options, pending.get("validation") or {})
    if pending.get("variable"):
        walk.state.set(pending["variable"], value)
    walk.record_input(
        node.id, {"input": raw, "input_type": pending["input_type"], "variable": pending.get("variable")}
    )
    chosen = option_index(raw, options) if options and not isinstance(raw, list) else None
    return Follow((DEFAULT,), option_index=chosen, guarded_first=True)


def _static_prompt(node: Node, walk: Walk) -> Generator[Request, Any, tuple[Any, list[Any], str | None]]:
    content = node.content
    question = content.get("question", content.get("text", ""))
    options = list(content.get("options") or [])
    content_id = None
    if isinstance(question, Mapping) and question.get("content_id"):
        content_id = str(question["content_id"])
        found: ContentItem | None = yield FetchContent(content_id)
        if found is None:
            raise FlowRuntimeError(f"question {node.id!r} uses content {content_id} that is not published")
        body = found.content
        question = body.get("question", body.get("question_text", body.get("text", "")))
        options = options or list(body.get("options") or _answers_as_options(body.get("answers")))
    if isinstance(question, Mapping):
        prompt: Any = walk.render({**question, "text": question.get("text", "")})
    else:
        prompt = {"text": walk.render_text(str(question))}
    return prompt, walk.render(options), content_id


def _random_prompt(node: Node, walk: Walk) -> Generator[Request, Any, tuple[Any, list[Any], str | None]]:
    content = node.content
    config = content.get("source_config") or {}
    shown_path = content.get("track_shown_in")
    exclude_path = config.get("exclude_from") or shown_path
    excluded = tuple(str(i) for i in (walk.lookup(exclude_path) if exclude_path else None) or ())
    query = FindContent(
        content_type=str(config.get("type", "question")),
        tags=tuple(config.get("tags") or ()),
        info_filters=walk.render(dict(config.get("info_filters") or {})),
        exclude_ids=excluded,
    )
    candidates: list[ContentItem] = yield query
    if not candidates and excluded:
        # Every suitable question has been shown: the cycle starts again rather than the
        # conversation stopping (a child who asks for more books meets familiar pictures).
        candidates = yield replace(query, exclude_ids=())
        if shown_path:
            walk.state.set(shown_path, [])
    if not candidates:
        raise FlowRuntimeError(f"question {node.id!r} found no content to ask")
    ordered = sorted(candidates, key=lambda item: item.id)
    picked = ordered[walk.draw(len(ordered))]
    if shown_path:
        shown = list(walk.lookup(shown_path) or [])
        walk.state.set(shown_path, shown + [picked.id])
    body = dict(picked.content)
    text = body.get("question_text") or _text_of(body.get("question")) or body.get("text", "")
    prompt = {"id": picked.id, "type": picked.type, "content": body, "text": walk.render_text(str(text))}
    options = list(body.get("options") or _answers_as_options(body.get("answers")))
    return prompt, options, picked.id


def _answers_as_options(answers: Any) -> list[dict[str, Any]]:
    options = []
    for answer in answers or []:
        if isinstance(answer, Mapping):
            label = answer.get("label") or answer.get("text") or answer.get("value")
            options.append({**answer, "label": label, "value": answer.get("value", label)})
    return options


def _text_of(question: Any) -> str:
    if isinstance(question, Mapping):
        return str(question.get("text", ""))
    return str(question or "")
