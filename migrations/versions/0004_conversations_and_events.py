"""Conversations and events: sessions, history, analytics, task idempotency, webhooks, outbox.

Revision ID: 0004
Revises: 0003
Create Date: 2025-01-01

``notify_flow_event`` is the seed's trigger function with one correction: it compares
with IS DISTINCT FROM, because ``!=`` against a NULL node id is NULL and a session
entering or leaving a node would go unannounced. ``updated_at`` is set by trigger before
the notify reads it, so the event's timestamp is the time of the change.
"""

from __future__ import annotations

from migrations.sql import execute_all

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

UPGRADE = [
    "CREATE TYPE enum_conversation_session_status AS ENUM ('active', 'completed', 'abandoned')",
    "CREATE TYPE enum_interaction_type AS ENUM ('message', 'input', 'action')",
    "CREATE TYPE enum_task_execution_status AS ENUM ('processing', 'completed', 'failed')",
    """
    CREATE TABLE conversation_sessions (
        id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id UUID REFERENCES users (id),
        flow_id UUID NOT NULL REFERENCES flow_definitions (id),
        flow_version_id UUID NOT NULL REFERENCES flow_versions (id),
        session_token VARCHAR(255) NOT NULL,
        current_node_id VARCHAR(255),
        state JSONB NOT NULL DEFAULT '{}',
        info JSONB NOT NULL DEFAULT '{}',
        started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        last_activity_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        ended_at TIMESTAMPTZ,
        status enum_conversation_session_status NOT NULL DEFAULT 'active',
        revision INTEGER NOT NULL DEFAULT 1,
        state_hash VARCHAR(44),
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        CONSTRAINT uq_conversation_sessions_session_token UNIQUE (session_token)
    )
    """,
    "CREATE INDEX idx_session_user ON conversation_sessions (user_id)",
    "CREATE INDEX idx_session_status ON conversation_sessions (status)",
    "CREATE INDEX idx_session_token ON conversation_sessions (session_token)",
    "CREATE INDEX idx_session_flow ON conversation_sessions (flow_id)",
    "CREATE INDEX idx_conversation_sessions_state ON conversation_sessions USING GIN (state)",
    """
    CREATE TRIGGER conversation_sessions_set_updated_at BEFORE UPDATE ON conversation_sessions
    FOR EACH ROW EXECUTE FUNCTION set_updated_at()
    """,
    """
    CREATE FUNCTION notify_flow_event() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            PERFORM pg_notify(
                'flow_events',
                json_build_object(
                    'event_type', 'session_started',
                    'session_id', NEW.id,
                    'flow_id', NEW.flow_id,
                    'user_id', NEW.user_id,
                    'current_node', NEW.current_node_id,
                    'status', NEW.status,
                    'revision', NEW.revision,
                    'timestamp', extract(epoch from NEW.created_at)
                )::text
            );
            RETURN NEW;
        ELSIF TG_OP = 'UPDATE' THEN
            IF OLD.current_node_id IS DISTINCT FROM NEW.current_node_id
               OR OLD.status IS DISTINCT FROM NEW.status
               OR OLD.revision IS DISTINCT FROM NEW.revision THEN
                PERFORM pg_notify(
                    'flow_events',
                    json_build_object(
                        'event_type', CASE
                            WHEN OLD.status IS DISTINCT FROM NEW.status THEN 'session_status_changed'
                            WHEN OLD.current_node_id IS DISTINCT FROM NEW.current_node_id THEN 'node_changed'
                            ELSE 'session_updated'
                        END,
                        'session_id', NEW.id,
                        'flow_id', NEW.flow_id,
                        'user_id', NEW.user_id,
                        'current_node', NEW.current_node_id,
                        'previous_node', OLD.current_node_id,
                        'status', NEW.status,
                        'previous_status', OLD.status,
                        'revision', NEW.revision,
                        'previous_revision', OLD.revision,
                        'timestamp', extract(epoch from NEW.updated_at)
                    )::text
                );
            END IF;
            RETURN NEW;
        ELSIF TG_OP = 'DELETE' THEN
            PERFORM pg_notify(
                'flow_events',
                json_build_object(
                    'event_type', 'session_deleted',
                    'session_id', OLD.id,
                    'flow_id', OLD.flow_id,
                    'user_id', OLD.user_id,
                    'timestamp', extract(epoch from now())
                )::text
            );
            RETURN OLD;
        END IF;
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER conversation_sessions_notify_flow_event_trigger
    AFTER INSERT OR UPDATE OR DELETE ON conversation_sessions
    FOR EACH ROW EXECUTE FUNCTION notify_flow_event()
    """,
    """
    CREATE TABLE conversation_history (
        id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id UUID NOT NULL REFERENCES conversation_sessions (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        node_id VARCHAR(255) NOT NULL,
        interaction_type enum_interaction_type NOT NULL,
        content JSONB NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        CONSTRAINT uq_conversation_history_session_seq UNIQUE (session_id, seq)
    )
    """,
    "CREATE INDEX idx_history_session ON conversation_history (session_id, created_at)",
    """
    CREATE TABLE conversation_analytics (
        id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
        flow_id UUID REFERENCES flow_definitions (id) ON DELETE CASCADE,
        node_id VARCHAR(255),
        date DATE NOT NULL,
        metrics JSONB NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        -- NULLS NOT DISTINCT: the flow-wide row (node_id NULL) is unique per day too.
        CONSTRAINT uq_conversation_analytics_flow_node_date
            UNIQUE NULLS NOT DISTINCT (flow_id, node_id, date)
    )
    """,
    "CREATE INDEX idx_analytics_date ON conversation_analytics (date)",
    """
    CREATE TABLE task_idempotency_records (
        idempotency_key VARCHAR(255) PRIMARY KEY,
        status enum_task_execution_status NOT NULL DEFAULT 'processing',
        session_id UUID NOT NULL,
        node_id VARCHAR(255) NOT NULL,
        session_revision INTEGER NOT NULL,
        result_data JSONB,
        error_message TEXT,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        completed_at TIMESTAMPTZ,
        expires_at TIMESTAMPTZ NOT NULL DEFAULT (now() + INTERVAL '24 hours')
    )
    """,
    "CREATE INDEX idx_idempotency_status ON task_idempotency_records (status)",
    "CREATE INDEX idx_idempotency_session ON task_idempotency_records (session_id)",
    "CREATE INDEX idx_idempotency_expires ON task_idempotency_records (expires_at)",
    """
    CREATE TABLE webhook_subscriptions (
        id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
        url TEXT NOT NULL,
        events TEXT[] NOT NULL DEFAULT '{}',
        secret TEXT,
        headers JSONB NOT NULL DEFAULT '{}',
        is_active BOOLEAN NOT NULL DEFAULT true,
        school_id UUID REFERENCES schools (wriveted_identifier) ON DELETE CASCADE,
        timeout INTEGER NOT NULL DEFAULT 15,
        retry_attempts INTEGER NOT NULL DEFAULT 3,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        CONSTRAINT ck_webhook_subscriptions_timeout CHECK (timeout BETWEEN 1 AND 300),
        CONSTRAINT ck_webhook_subscriptions_retry_attempts CHECK (retry_attempts >= 0)
    )
    """,
    "CREATE INDEX ix_webhook_subscriptions_active ON webhook_subscriptions (is_active) WHERE is_active",
    """
    CREATE TABLE event_outbox (
        id BIGSERIAL PRIMARY KEY,
        event_type VARCHAR(100) NOT NULL,
        payload JSONB NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        published_at TIMESTAMPTZ,
        attempts INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX ix_event_outbox_unpublished ON event_outbox (id) WHERE published_at IS NULL",
]

DOWNGRADE = [
    "DROP TABLE event_outbox",
    "DROP TABLE webhook_subscriptions",
    "DROP TABLE task_idempotency_records",
    "DROP TABLE conversation_analytics",
    "DROP TABLE conversation_history",
    "DROP TABLE conversation_sessions",
    "DROP FUNCTION notify_flow_event()",
    "DROP TYPE enum_task_execution_status",
    "DROP TYPE enum_interaction_type",
    "DROP TYPE enum_conversation_session_status",
]


def upgrade() -> None:
    execute_all(UPGRADE)


def downgrade() -> None:
    execute_all(DOWNGRADE)
