"""Content schema of ``question`` nodes, static or drawn at random from CMS question content."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from domain.flows.validation.schemas.base import ContentModel, wrap_string

InputType = Literal[
    "text",
    "choice",
    "multiple_choice",
    "number",
    "email",
    "phone",
    "url",
    "date",
    "slider",
    "image_choice",
    "carousel",
]


class Prompt(ContentModel):
    """The question asked: literal text (may be empty) or CMS content by id."""

    text: str | None = None
    content_id: str | None = None


class QuestionOption(ContentModel):
    # Options carry whatever the flow needs later (age_number, ability_key, image_url...): the
    # whole option object is stored as the answer, so extra keys are kept, not ignored.
    model_config = ConfigDict(extra="allow")

    label: str | None = None
    value: Any = None
    text: str | None = None

    @model_validator(mode="after")
    def _is_answerable(self) -> QuestionOption:
        if self.label is None and self.value is None and self.text is None:
            raise ValueError("an option needs a label, a value or a text")
        return self


class AnswerValidation(ContentModel):
    required: bool | None = None
    pattern: str | None = None
    min: float | None = None
    max: float | None = None
    min_length: int | None = Field(default=None, ge=0)
    max_length: int | None = Field(default=None, ge=0)
    error_message: str | None = None


class RandomSource(ContentModel):
    type: str
    tags: list[str] = []
    info_filters: dict[str, Any] = {}
    exclude_from: str | None = None


class QuestionContent(ContentModel):
    question: Prompt | None = None
    text: str | None = None
    input_type: InputType = "text"
    options: list[QuestionOption] = []
    validation: AnswerValidation | None = None
    variable: str | None = None
    result_variable: str | None = None
    source: Literal["random"] | None = None
    source_config: RandomSource | None = None
    track_shown_in: str | None = None

    @field_validator("question", mode="before")
    @classmethod
    def _text_question(cls, value: Any) -> Any:
        return wrap_string(value, "text")

    @model_validator(mode="after")
    def _has_a_question(self) -> QuestionContent:
        if self.source == "random":
            if self.source_config is None:
                raise ValueError("a random question needs a source_config")
        elif self.question is None and self.text is None:
            raise ValueError("a question needs a question (text or content_id) or a text")
        return self
