"""What a session waits on, and the input request a client is shown for it.

The interpreter keeps the waiting node in ``system.pending``: a question (with its resolved
options), an acknowledgement after a ``wait_for_ack`` message, or a browser script's result.
Every reply that waits — a turn, a refused answer, a session read back — describes it the same
way.
"""

from __future__ import annotations

from typing import Any, Mapping

QUESTION = "question"
ACKNOWLEDGEMENT = "ack"
SCRIPT = "script"
CONTINUE_INPUT = "continue"
SCRIPT_RESULT_INPUT = "script_result"


def input_request_for(pending: Mapping[str, Any], error: str | None = None) -> dict[str, Any]:
    kind = pending.get("kind")
    if kind == QUESTION:
        request = {
            "input_type": pending["input_type"],
            "variable": pending.get("variable"),
            "options": pending.get("options") or [],
            "question": pending.get("question"),
        }
        if pending.get("validation"):
            request["validation"] = pending["validation"]
    elif kind == SCRIPT:
        request = {
            "input_type": SCRIPT_RESULT_INPUT,
            "variable": None,
            "options": [],
            "question": None,
            "node_id": pending.get("node_id"),
        }
    else:
        request = {"input_type": CONTINUE_INPUT, "variable": None, "options": [], "question": None}
    if error:
        request["error"] = error
    return request


def question_message(pending: Mapping[str, Any]) -> dict[str, Any]:
    """The question as a message in the conversation (asked, or asked again after a refusal)."""
    question = pending.get("question")
    content_id = pending.get("content_id")
    if content_id is None and isinstance(question, Mapping):
        content_id = question.get("id")  # sessions pending before content_id was kept
    return {
        "type": "question",
        "question": question,
        "content_id": content_id,
        "input_type": pending["input_type"],
        "options": pending.get("options") or [],
        "validation": pending.get("validation") or {},
        "variable": pending.get("variable"),
        "node_id": pending["node_id"],
    }
