"""SQLAlchemy Core tables mirroring the migrations, for the repositories to query.

The migrations (``migrations/versions``) create the schema; these objects only describe
it, so ``metadata.create_all`` is never called. Server defaults are declared so an insert
may omit a column and still get the database's default. ``tests/integration/
test_schema.py`` checks every column here against the migrated database.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, ENUM, JSONB, TIMESTAMP, TSVECTOR, UUID

metadata = MetaData()


def _enum(name: str, *values: str) -> ENUM:
    # The migrations own the types; the tables only name them.
    return ENUM(*values, name=name, create_type=False)


user_role = _enum(
    "user_role",
    "wriveted_admin",
    "school_admin",
    "educator",
    "student",
    "parent",
    "public_reader",
    "supporter",
    "service_account",
)
content_visibility = _enum("enum_cms_content_visibility", "private", "school", "public", "wriveted")
content_type = _enum("enum_cms_content_type", "joke", "fact", "question", "quote", "message", "prompt")
content_status = _enum(
    "enum_cms_content_status", "draft", "pending_review", "approved", "published", "archived"
)
node_type = _enum(
    "enum_flow_node_type",
    "message",
    "question",
    "condition",
    "action",
    "webhook",
    "composite",
    "script",
)
execution_context = _enum("enum_flow_execution_context", "frontend", "backend", "mixed")
session_status = _enum("enum_conversation_session_status", "active", "completed", "abandoned")
interaction_type = _enum("enum_interaction_type", "message", "input", "action")
task_status = _enum("enum_task_execution_status", "processing", "completed", "failed")

_EMPTY_OBJECT = text("'{}'::jsonb")
_EMPTY_ARRAY = text("'{}'")
_NOW = text("now()")


def _id() -> Column:
    return Column("id", UUID(as_uuid=True), primary_key=True, server_default=text("gen_random_uuid()"))


def _timestamp(name: str, *, nullable: bool = False) -> Column:
    if nullable:
        return Column(name, TIMESTAMP(timezone=True))
    return Column(name, TIMESTAMP(timezone=True), nullable=False, server_default=_NOW)


def _json(name: str, *, nullable: bool = False, default: bool = True) -> Column:
    return Column(name, JSONB, nullable=nullable, server_default=_EMPTY_OBJECT if default else None)


def _school_ref(*, nullable: bool = True, on_delete: str = "CASCADE") -> Column:
    return Column(
        "school_id",
        UUID(as_uuid=True),
        ForeignKey("schools.wriveted_identifier", ondelete=on_delete),
        nullable=nullable,
    )


def _user_ref(name: str) -> Column:
    return Column(name, UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL"))


schools = Table(
    "schools",
    metadata,
    _id(),
    Column("wriveted_identifier", UUID(as_uuid=True), nullable=False, unique=True,
           server_default=text("gen_random_uuid()")),
    Column("name", String(255), nullable=False),
    Column("state", String(32), nullable=False, server_default="active"),
    Column("bookbot_type", String(32)),
    _json("info"),
    Column("default_theme_id", UUID(as_uuid=True),
           ForeignKey("chat_themes.id", ondelete="SET NULL", use_alter=True)),
    _timestamp("created_at"),
)

users = Table(
    "users",
    metadata,
    _id(),
    Column("email", String(320), unique=True),
    Column("name", String(255), nullable=False),
    Column("role", user_role, nullable=False, server_default="public_reader"),
    _school_ref(on_delete="SET NULL"),
    _json("info"),
    _timestamp("created_at"),
)

chat_themes = Table(
    "chat_themes",
    metadata,
    _id(),
    Column("name", String(255), nullable=False),
    Column("description", Text),
    _json("config"),
    Column("logo_url", Text),
    Column("avatar_url", Text),
    _school_ref(),
    Column("visibility", content_visibility, nullable=False, server_default="wriveted"),
    Column("is_default", Boolean, nullable=False, server_default=text("false")),
    Column("seed_key", String(255), unique=True),
    _user_ref("created_by"),
    _timestamp("created_at"),
    _timestamp("updated_at"),
    Column("version", Integer, nullable=False, server_default=text("1")),
)

books = Table(
    "books",
    metadata,
    _id(),
    Column("title", Text, nullable=False),
    Column("isbn", String(17), unique=True),
    Column("cover_url", Text),
    Column("authors", ARRAY(Text), nullable=False, server_default=_EMPTY_ARRAY),
    Column("summary", Text),
    Column("min_age", Integer),
    Column("max_age", Integer),
    Column("hues", ARRAY(Text), nullable=False, server_default=_EMPTY_ARRAY),
    Column("reading_abilities", ARRAY(Text), nullable=False, server_default=_EMPTY_ARRAY),
    _json("info"),
    Column("recommend_status", String(32), nullable=False, server_default="good"),
    _timestamp("created_at"),
)

school_collections = Table(
    "school_collections",
    metadata,
    _id(),
    _school_ref(nullable=False),
    Column("book_id", UUID(as_uuid=True), ForeignKey("books.id", ondelete="CASCADE"), nullable=False),
    Column("copies_total", Integer, nullable=False, server_default=text("0")),
    Column("copies_available", Integer, nullable=False, server_default=text("0")),
    UniqueConstraint("school_id", "book_id", name="uq_school_collections_school_book"),
)

cms_content = Table(
    "cms_content",
    metadata,
    _id(),
    Column("type", content_type, nullable=False),
    _json("content", default=False),
    _json("info"),
    Column("tags", ARRAY(Text), nullable=False, server_default=_EMPTY_ARRAY),
    Column("search_document", TSVECTOR),  # written by trigger only
    Column("is_active", Boolean, nullable=False, server_default=text("true")),
    Column("status", content_status, nullable=False, server_default="draft"),
    Column("version", Integer, nullable=False, server_default=text("1")),
    _timestamp("created_at"),
    _timestamp("updated_at"),
    _user_ref("created_by"),
    _school_ref(),
    Column("visibility", content_visibility, nullable=False, server_default="wriveted"),
    Column("seed_key", String(255), unique=True),
)

cms_content_variants = Table(
    "cms_content_variants",
    metadata,
    _id(),
    Column("content_id", UUID(as_uuid=True), ForeignKey("cms_content.id", ondelete="CASCADE"),
           nullable=False),
    Column("variant_key", String(100), nullable=False),
    _json("variant_data", default=False),
    Column("weight", Integer, nullable=False, server_default=text("100")),
    _json("conditions"),
    _json("performance_data"),
    Column("is_active", Boolean, nullable=False, server_default=text("true")),
    _timestamp("created_at"),
    UniqueConstraint("content_id", "variant_key", name="uq_cms_content_variants_content_key"),
)

flow_definitions = Table(
    "flow_definitions",
    metadata,
    _id(),
    Column("name", String(255), nullable=False),
    Column("description", Text),
    Column("version", String(50), nullable=False, server_default="1.0.0"),
    _json("flow_data"),
    Column("entry_node_id", String(255), nullable=False),
    _json("info"),
    _json("contract"),
    Column("is_published", Boolean, nullable=False, server_default=text("false")),
    Column("is_active", Boolean, nullable=False, server_default=text("true")),
    Column("visibility", content_visibility, nullable=False, server_default="wriveted"),
    _school_ref(),
    Column("seed_key", String(255), unique=True),
    Column("trace_enabled", Boolean, nullable=False, server_default=text("false")),
    Column("theme_id", UUID(as_uuid=True), ForeignKey("chat_themes.id", ondelete="SET NULL")),
    Column("current_version_id", UUID(as_uuid=True),
           ForeignKey("flow_versions.id", ondelete="SET NULL", use_alter=True)),
    _timestamp("created_at"),
    _timestamp("updated_at"),
    _timestamp("published_at", nullable=True),
    _user_ref("created_by"),
    _user_ref("published_by"),
)

flow_nodes = Table(
    "flow_nodes",
    metadata,
    _id(),
    Column("flow_id", UUID(as_uuid=True), ForeignKey("flow_definitions.id", ondelete="CASCADE"),
           nullable=False),
    Column("node_id", String(255), nullable=False),
    Column("node_type", node_type, nullable=False),
    Column("execution_context", execution_context),
    Column("template", String(100)),
    _json("content", default=False),
    Column("position", JSONB, nullable=False, server_default=text("""'{"x": 0, "y": 0}'::jsonb""")),
    _json("info"),
    _timestamp("created_at"),
    _timestamp("updated_at"),
    UniqueConstraint("flow_id", "node_id", name="uq_flow_nodes_flow_node"),
)

flow_connections = Table(
    "flow_connections",
    metadata,
    _id(),
    Column("flow_id", UUID(as_uuid=True), ForeignKey("flow_definitions.id", ondelete="CASCADE"),
           nullable=False),
    Column("source_node_id", String(255), nullable=False),
    Column("target_node_id", String(255), nullable=False),
    # default | success | failure | error | complete | $N | option_N (a CHECK in the database)
    Column("connection_type", String(32), nullable=False, server_default="default"),
    _json("conditions"),
    _json("info"),
    _timestamp("created_at"),
    UniqueConstraint("flow_id", "source_node_id", "target_node_id", "connection_type",
                     name="uq_flow_connections_edge"),
    ForeignKeyConstraint(["flow_id", "source_node_id"], ["flow_nodes.flow_id", "flow_nodes.node_id"],
                         ondelete="CASCADE", onupdate="CASCADE", name="fk_flow_connections_source"),
    ForeignKeyConstraint(["flow_id", "target_node_id"], ["flow_nodes.flow_id", "flow_nodes.node_id"],
                         ondelete="CASCADE", onupdate="CASCADE", name="fk_flow_connections_target"),
)

flow_versions = Table(
    "flow_versions",
    metadata,
    _id(),
    Column("flow_id", UUID(as_uuid=True), ForeignKey("flow_definitions.id", ondelete="CASCADE"),
           nullable=False),
    Column("version_number", Integer, nullable=False),
    _json("snapshot", default=False),
    _timestamp("published_at"),
    _user_ref("published_by"),
    UniqueConstraint("flow_id", "version_number", name="uq_flow_versions_flow_number"),
)

conversation_sessions = Table(
    "conversation_sessions",
    metadata,
    _id(),
    Column("user_id", UUID(as_uuid=True), ForeignKey("users.id")),
    Column("flow_id", UUID(as_uuid=True), ForeignKey("flow_definitions.id"), nullable=False),
    Column("flow_version_id", UUID(as_uuid=True), ForeignKey("flow_versions.id"), nullable=False),
    Column("session_token", String(255), nullable=False, unique=True),
    Column("current_node_id", String(255)),
    _json("state"),
    _json("info"),
    _timestamp("started_at"),
    _timestamp("last_activity_at"),
    _timestamp("ended_at", nullable=True),
    Column("status", session_status, nullable=False, server_default="active"),
    Column("revision", Integer, nullable=False, server_default=text("1")),
    Column("state_hash", String(44)),
    _timestamp("created_at"),
    _timestamp("updated_at"),
)

conversation_history = Table(
    "conversation_history",
    metadata,
    _id(),
    Column("session_id", UUID(as_uuid=True),
           ForeignKey("conversation_sessions.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("node_id", String(255), nullable=False),
    Column("interaction_type", interaction_type, nullable=False),
    _json("content", default=False),
    _timestamp("created_at"),
    UniqueConstraint("session_id", "seq", name="uq_conversation_history_session_seq"),
)

conversation_analytics = Table(
    "conversation_analytics",
    metadata,
    _id(),
    Column("flow_id", UUID(as_uuid=True), ForeignKey("flow_definitions.id", ondelete="CASCADE")),
    Column("node_id", String(255)),
    Column("date", Date, nullable=False),
    _json("metrics", default=False),
    _timestamp("created_at"),
    UniqueConstraint("flow_id", "node_id", "date", name="uq_conversation_analytics_flow_node_date",
                     postgresql_nulls_not_distinct=True),
)

task_idempotency_records = Table(
    "task_idempotency_records",
    metadata,
    Column("idempotency_key", String(255), primary_key=True),
    Column("status", task_status, nullable=False, server_default="processing"),
    Column("session_id", UUID(as_uuid=True), nullable=False),
    Column("node_id", String(255), nullable=False),
    Column("session_revision", Integer, nullable=False),
    _json("result_data", nullable=True, default=False),
    Column("error_message", Text),
    _timestamp("created_at"),
    _timestamp("completed_at", nullable=True),
    Column("expires_at", TIMESTAMP(timezone=True), nullable=False,
           server_default=text("now() + INTERVAL '24 hours'")),
)

webhook_subscriptions = Table(
    "webhook_subscriptions",
    metadata,
    _id(),
    Column("url", Text, nullable=False),
    Column("events", ARRAY(Text), nullable=False, server_default=_EMPTY_ARRAY),
    Column("secret", Text),
    _json("headers"),
    Column("is_active", Boolean, nullable=False, server_default=text("true")),
    _school_ref(),
    Column("timeout", Integer, nullable=False, server_default=text("15")),
    Column("retry_attempts", Integer, nullable=False, server_default=text("3")),
    _timestamp("created_at"),
)

event_outbox = Table(
    "event_outbox",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("event_type", String(100), nullable=False),
    _json("payload", default=False),
    _timestamp("created_at"),
    _timestamp("published_at", nullable=True),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
)
