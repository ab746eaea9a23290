"""The business rules, as data: each a CEL condition that is true when the rule is *violated*.

A rule applies to one kind of subject (see ``subjects``) and reads ``facts.*`` (precomputed in
``facts``), ``content.*`` and ``node.*``. ``field`` is appended to the subject's path. The
message may name facts as ``{fact_name}``; the suggested fix is literal text.

Severity choices where the seeds leave room:
- A choice question with a single option is a WARNING, not an ERROR: Huey's "Hello Huey!"
  greeting has exactly one option on purpose and must publish.
- Webhook timeouts are seconds: outside 1–120 s is a WARNING (30 s is the recommended value);
  above 300 s is an ERROR, the hard ceiling the CMS documents.
- An expression reading the ``system`` scope is an ERROR: that scope is the engine's own
  bookkeeping, and flows that depend on it break whenever the engine changes. An expression
  longer than 2,000 characters is a WARNING: legal, but unreviewable and slow to evaluate.
- A variable name breaking ``^[a-zA-Z_][a-zA-Z0-9_.]*$`` or writing a read-only scope
  (``session``, ``system``) is an ERROR; a name with no known scope is INFO (it goes to ``temp``).
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.flows.validation.report import Severity
from domain.flows.validation.subjects import EXPRESSION, VARIABLE

SECRET_FIX = "Move the credential to a header that reads it at call time: 'Authorization': 'Bearer {{secret:name}}'."


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    applies_to: str
    violated_when: str  # CEL
    severity: Severity
    message: str
    suggested_fix: str | None = None
    field: str = ""


WEBHOOK_RULES = (
    Rule(
        "webhook.url.credentials",
        "webhook",
        "!facts.url_is_dynamic && facts.url_has_credentials",
        Severity.ERROR,
        "The webhook URL contains a credential; URLs end up in logs and exports.",
        SECRET_FIX,
        "content.url",
    ),
    Rule(
        "webhook.url.local_host",
        "webhook",
        "!facts.url_is_dynamic && facts.url_host_is_local",
        Severity.ERROR,
        "The webhook calls {url_host}, a local or private address the server must never reach.",
        "Call a public HTTPS endpoint.",
        "content.url",
    ),
    Rule(
        "webhook.url.not_absolute",
        "webhook",
        "!facts.url_is_dynamic && !(facts.url_scheme in ['http', 'https'] && facts.url_host != '')",
        Severity.ERROR,
        "The webhook URL is not an absolute http(s) URL.",
        "Write the full URL, e.g. https://api.example.com/hook.",
        "content.url",
    ),
    Rule(
        "webhook.url.not_https",
        "webhook",
        "!facts.url_is_dynamic && facts.url_scheme == 'http' && facts.url_host != ''",
        Severity.WARNING,
        "The webhook uses plain HTTP; requests and answers travel unencrypted.",
        "Use https://.",
        "content.url",
    ),
    Rule(
        "webhook.timeout.out_of_range",
        "webhook",
        "facts.has_timeout && (facts.timeout_seconds < 1.0"
        " || (facts.timeout_seconds > 120.0 && facts.timeout_seconds <= 300.0))",
        Severity.WARNING,
        "A webhook timeout of {timeout_seconds} s is outside the recommended 1–120 s.",
        "Use about 30 seconds; long calls should run async.",
        "content.timeout",
    ),
    Rule(
        "webhook.timeout.too_long",
        "webhook",
        "facts.has_timeout && facts.timeout_seconds > 300.0",
        Severity.ERROR,
        "A webhook timeout of {timeout_seconds} s exceeds the 300 s limit (timeouts are in seconds).",
        "Use about 30 seconds; long calls should run async.",
        "content.timeout",
    ),
)

QUESTION_RULES = (
    Rule(
        "question.options.missing",
        "question",
        "facts.is_choice && !facts.options_elsewhere && facts.option_count == 0",
        Severity.ERROR,
        "A {input_type} question has no options to choose from.",
        "Add options, each with a label and a value.",
        "content.options",
    ),
    Rule(
        "question.options.too_few",
        "question",
        "facts.is_choice && !facts.options_elsewhere && facts.option_count == 1",
        Severity.WARNING,
        "A {input_type} question offers a single option.",
        "Offer 2–10 options, or use a message with wait_for_ack for a simple 'continue'.",
        "content.options",
    ),
    Rule(
        "question.options.too_many",
        "question",
        "facts.is_choice && facts.option_count > 10",
        Severity.WARNING,
        "{option_count} options are hard to read on a phone; 2–10 are recommended.",
        "Split the question or group the options.",
        "content.options",
    ),
    Rule(
        "question.options.duplicate_value",
        "question",
        "size(facts.duplicate_option_values) > 0",
        Severity.WARNING,
        "Several options share the value(s) {duplicate_option_values}; answers cannot tell them apart.",
        "Give each option a distinct value.",
        "content.options",
    ),
    Rule(
        "question.validation.pattern_invalid",
        "question",
        "facts.has_pattern && !facts.pattern_is_valid",
        Severity.ERROR,
        "The validation pattern is not a valid regular expression.",
        "Fix the pattern; test it against a few sample answers.",
        "content.validation.pattern",
    ),
    Rule(
        "question.validation.range_inverted",
        "question",
        "facts.range_is_inverted",
        Severity.ERROR,
        "validation.min is greater than validation.max: no answer can pass.",
        "Swap min and max.",
        "content.validation.min",
    ),
    Rule(
        "question.validation.length_inverted",
        "question",
        "facts.length_is_inverted",
        Severity.ERROR,
        "validation.min_length is greater than validation.max_length: no answer can pass.",
        "Swap min_length and max_length.",
        "content.validation.min_length",
    ),
)

NODE_RULES = (
    Rule(
        "message.empty",
        "message",
        "facts.message_count == 0 && !facts.has_text",
        Severity.WARNING,
        "The message node has nothing to say.",
        "Add messages (or a text), or remove the node.",
        "content.messages",
    ),
    Rule(
        "script.dependency.not_https",
        "script",
        "size(facts.insecure_dependencies) > 0",
        Severity.WARNING,
        "Script dependencies {insecure_dependencies} are not loaded over HTTPS.",
        "Load dependencies from https:// URLs.",
        "content.dependencies",
    ),
)

VARIABLE_RULES = (
    Rule(
        "variable.name.invalid",
        VARIABLE,
        "!facts.matches_pattern",
        Severity.ERROR,
        "'{name}' is not a valid variable name (letters, digits, '_' and '.', not starting with a digit).",
        "Write a dotted name with a scope, e.g. temp.favourite_genre.",
    ),
    Rule(
        "variable.scope.read_only",
        VARIABLE,
        "facts.matches_pattern && facts.scope_is_read_only",
        Severity.ERROR,
        "'{name}' writes the read-only '{scope}' scope.",
        "Write to user, context, temp or variables instead.",
    ),
    Rule(
        "variable.scope.implicit",
        VARIABLE,
        "facts.matches_pattern && !facts.has_known_scope && !facts.scope_is_read_only",
        Severity.INFO,
        "'{name}' names no known scope, so it is stored in temp (temp.{name}).",
        "Prefix the name with its scope: user., context., temp., variables., local., output. or input.",
    ),
)

EXPRESSION_RULES = (
    Rule(
        "expression.system_scope",
        EXPRESSION,
        "facts.references_system",
        Severity.ERROR,
        "The expression reads the engine's private 'system' scope.",
        "Read user, context, temp or variables instead.",
    ),
    Rule(
        "expression.too_long",
        EXPRESSION,
        "facts.length > 2000",
        Severity.WARNING,
        "The expression is {length} characters long (over 2,000).",
        "Split it across several conditions or precompute parts with actions.",
    ),
)

DEFAULT_RULES: tuple[Rule, ...] = WEBHOOK_RULES + QUESTION_RULES + NODE_RULES + VARIABLE_RULES + EXPRESSION_RULES
