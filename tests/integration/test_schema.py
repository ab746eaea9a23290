"""The migrated schema has every table, enum, trigger and function the seeds describe,
and ``adapters/postgres/tables.py`` describes it column for column."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.tables import metadata

TABLES = {
    "schools", "users", "books", "school_collections", "chat_themes",
    "cms_content", "cms_content_variants",
    "flow_definitions", "flow_nodes", "flow_connections", "flow_versions",
    "conversation_sessions", "conversation_history", "conversation_analytics",
    "task_idempotency_records", "webhook_subscriptions", "event_outbox",
}

ENUMS = {
    "user_role": {"wriveted_admin", "school_admin", "educator", "student", "parent",
                  "public_reader", "supporter", "service_account"},
    "enum_cms_content_type": {"joke", "fact", "question", "quote", "message", "prompt"},
    "enum_cms_content_status": {"draft", "pending_review", "approved", "published", "archived"},
    "enum_cms_content_visibility": {"private", "school", "public", "wriveted"},
    "enum_flow_node_type": {"message", "question", "condition", "action", "webhook",
                            "composite", "script"},
    "enum_flow_execution_context": {"frontend", "backend", "mixed"},
    "enum_conversation_session_status": {"active", "completed", "abandoned"},
    "enum_interaction_type": {"message", "input", "action"},
    "enum_task_execution_status": {"processing", "completed", "failed"},
}

TRIGGERS = {
    ("conversation_sessions", "conversation_sessions_notify_flow_event_trigger"),
    ("conversation_sessions", "conversation_sessions_set_updated_at"),
    ("cms_content", "cms_content_search_document_trigger"),
    ("cms_content", "cms_content_set_updated_at"),
    ("flow_versions", "flow_versions_immutable"),
    ("flow_definitions", "flow_definitions_set_updated_at"),
    ("flow_nodes", "flow_nodes_set_updated_at"),
    ("chat_themes", "chat_themes_set_updated_at"),
}

FUNCTIONS = {
    "notify_flow_event", "cms_content_search_document_update", "refuse_flow_version_update",
    "set_updated_at",
}

INDEXES = {
    ("cms_content", "idx_content_tags"),
    ("cms_content", "ix_cms_content_search_document"),
    ("conversation_sessions", "idx_conversation_sessions_state"),
    ("conversation_sessions", "idx_session_token"),
    ("books", "ix_books_hues"),
    ("event_outbox", "ix_event_outbox_unpublished"),
    ("conversation_history", "idx_history_session"),
    ("flow_connections", "idx_flow_connections"),
}


async def _rows(engine: AsyncEngine, sql: str) -> list[tuple]:
    async with engine.connect() as connection:
        return [tuple(row) for row in (await connection.execute(text(sql))).all()]


async def test_every_table_the_seeds_describe_exists(async_engine: AsyncEngine) -> None:
    rows = await _rows(async_engine, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")

    assert TABLES <= {name for (name,) in rows}


async def test_every_enum_exists_with_the_seed_values(async_engine: AsyncEngine) -> None:
    rows = await _rows(
        async_engine,
        "SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid",
    )
    found: dict[str, set[str]] = {}
    for type_name, label in rows:
        found.setdefault(type_name, set()).add(label)

    for name, labels in ENUMS.items():
        assert found.get(name) == labels, name


async def test_every_trigger_and_function_exists(async_engine: AsyncEngine) -> None:
    triggers = await _rows(
        async_engine,
        "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE NOT t.tgisinternal",
    )
    functions = await _rows(
        async_engine,
        "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = 'public'",
    )

    assert TRIGGERS <= set(triggers)
    assert FUNCTIONS <= {name for (name,) in functions}


async def test_the_search_and_json_indexes_exist(async_engine: AsyncEngine) -> None:
    rows = await _rows(async_engine, "SELECT tablename, indexname FROM pg_indexes")

    assert INDEXES <= set(rows)


def _columns(connection: Connection) -> dict[str, dict[str, bool]]:
    inspector = inspect(connection)
    return {
        table: {column["name"]: column["nullable"] for column in inspector.get_columns(table)}
        for table in inspector.get_table_names()
    }


@pytest.mark.parametrize("table", sorted(metadata.tables))
async def test_the_table_description_matches_the_migrated_table(
    async_engine: AsyncEngine, table: str
) -> None:
    async with async_engine.connect() as connection:
        database = await connection.run_sync(_columns)

    described = {column.name: column.nullable for column in metadata.tables[table].columns}
    assert described == database[table]


def test_the_table_descriptions_cover_every_table() -> None:
    assert set(metadata.tables) == TABLES
