"""The templating language: three spellings, typed whole values, secrets left alone."""

from __future__ import annotations

from domain.conversation.state import SessionState
from domain.expressions.templates import fill_secrets, referenced_paths, render_text, render_value, secret_names

STATE = SessionState(
    {
        "user": {"name": "Ava", "age": 9, "books": [{"title": "The Lost Map"}]},
        "context": {"school_name": "Admin UI Test School"},
        "temp": {"age_selection": {"age_number": 9, "label": "9"}, "flag": True, "ratio": 2.0},
    }
)


def test_all_three_spellings_render() -> None:
    text = "{{ user.name }} / ${user.age} / {context.school_name}"
    assert render_text(text, STATE.get) == "Ava / 9 / Admin UI Test School"


def test_a_lone_template_keeps_the_type_of_its_value() -> None:
    assert render_value("{{temp.age_selection.age_number}}", STATE.get) == 9
    assert render_value("{{temp.flag}}", STATE.get) is True
    assert render_value(["{{user.age}}"], STATE.get) == [9]


def test_nested_index_access() -> None:
    assert render_text("Try {{user.books[0].title}}!", STATE.get) == "Try The Lost Map!"


def test_a_missing_variable_is_empty_in_text_and_null_as_a_value() -> None:
    assert render_text("Hi {{user.nickname}}!", STATE.get) == "Hi !"
    assert render_value("{{user.nickname}}", STATE.get) is None


def test_plain_braces_in_text_are_left_alone() -> None:
    assert render_text("Use {curly} braces {like: this}", STATE.get) == "Use {curly} braces {like: this}"


def test_whole_numbers_stored_as_floats_render_without_a_point() -> None:
    assert render_text("{{temp.ratio}}", STATE.get) == "2"


def test_user_input_is_data_and_never_rendered_again() -> None:
    state = SessionState({"temp": {"answer": "{{context.secret_thing}}"}, "context": {"secret_thing": "leak"}})
    assert render_text("You said {{temp.answer}}", state.get) == "You said {{context.secret_thing}}"


def test_secret_references_survive_rendering_and_are_filled_only_on_request() -> None:
    rendered = render_text("Bearer {{secret:api_token}}", STATE.get)
    assert rendered == "Bearer {{secret:api_token}}"
    assert secret_names(rendered) == ["api_token"]
    assert fill_secrets(rendered, {"api_token": "s3cr3t"}) == "Bearer s3cr3t"


def test_referenced_paths_exclude_secrets() -> None:
    assert referenced_paths("{{user.name}} {{secret:x}} ${temp.a}") == ["user.name", "temp.a"]
