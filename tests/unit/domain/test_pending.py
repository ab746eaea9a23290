"""Every reply that waits describes what it waits on the same way."""

from __future__ import annotations

from domain.conversation.pending import input_request_for, question_message

QUESTION = {
    "node_id": "ask_age",
    "kind": "question",
    "input_type": "choice",
    "variable": "temp.age",
    "options": [{"label": "9", "value": "9"}],
    "validation": {},
    "question": {"text": "How old are you?"},
    "content_id": None,
}


def test_a_question_asks_for_its_own_input_type_and_options() -> None:
    request = input_request_for(QUESTION)
    assert request == {"input_type": "choice", "variable": "temp.age", "options": QUESTION["options"],
                       "question": {"text": "How old are you?"}}


def test_an_acknowledgement_asks_to_continue() -> None:
    assert input_request_for({"node_id": "searching", "kind": "ack"})["input_type"] == "continue"


def test_a_browser_script_asks_for_its_result() -> None:
    request = input_request_for({"node_id": "print", "kind": "script", "outputs": ["temp.ok"]})
    assert request["input_type"] == "script_result" and request["node_id"] == "print"


def test_a_refusal_adds_the_reason() -> None:
    assert input_request_for(QUESTION, error="Please choose one of the options.")["error"].startswith("Please")


def test_the_question_message_names_its_node_and_variable() -> None:
    message = question_message(QUESTION)
    assert message["type"] == "question" and message["node_id"] == "ask_age" and message["variable"] == "temp.age"
