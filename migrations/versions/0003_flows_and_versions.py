"""Flows: the editable draft (definitions, nodes, connections) and published versions.

Revision ID: 0003
Revises: 0002
Create Date: 2025-01-01

``flow_nodes`` and ``flow_connections`` are the draft's canonical form. A
``flow_versions`` row is a published, immutable snapshot: a trigger refuses any UPDATE
except the one PostgreSQL itself makes when the publishing user is deleted
(``published_by`` set to NULL). Connection kinds are a CHECK, not an enum: ``$N`` and
``option_N`` are open-ended families the seed's enum could not hold.
"""

from __future__ import annotations

from migrations.sql import execute_all

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

UPGRADE = [
    """
    CREATE TYPE enum_flow_node_type AS ENUM (
        'message', 'question', 'condition', 'action', 'webhook', 'composite', 'script'
    )
    """,
    "CREATE TYPE enum_flow_execution_context AS ENUM ('frontend', 'backend', 'mixed')",
    """
    CREATE TABLE flow_definitions (
        id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
        name VARCHAR(255) NOT NULL,
        description TEXT,
        version VARCHAR(50) NOT NULL DEFAULT '1.0.0',
        flow_data JSONB NOT NULL DEFAULT '{}',
        entry_node_id VARCHAR(255) NOT NULL,
        info JSONB NOT NULL DEFAULT '{}',
        contract JSONB NOT NULL DEFAULT '{}',
        is_published BOOLEAN NOT NULL DEFAULT false,
        is_active BOOLEAN NOT NULL DEFAULT true,
        visibility enum_cms_content_visibility NOT NULL DEFAULT 'wriveted',
        school_id UUID REFERENCES schools (wriveted_identifier) ON DELETE CASCADE,
        seed_key VARCHAR(255),
        trace_enabled BOOLEAN NOT NULL DEFAULT false,
        theme_id UUID REFERENCES chat_themes (id) ON DELETE SET NULL,
        current_version_id UUID,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        published_at TIMESTAMPTZ,
        created_by UUID REFERENCES users (id) ON DELETE SET NULL,
        published_by UUID REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT uq_flow_definitions_seed_key UNIQUE (seed_key)
    )
    """,
    "CREATE INDEX idx_flow_active_published ON flow_definitions (is_active, is_published)",
    "CREATE INDEX ix_flow_definitions_school_visibility ON flow_definitions (school_id, visibility)",
    """
    CREATE TRIGGER flow_definitions_set_updated_at BEFORE UPDATE ON flow_definitions
    FOR EACH ROW EXECUTE FUNCTION set_updated_at()
    """,
    """
    CREATE TABLE flow_nodes (
        id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
        flow_id UUID NOT NULL REFERENCES flow_definitions (id) ON DELETE CASCADE,
        node_id VARCHAR(255) NOT NULL,
        node_type enum_flow_node_type NOT NULL,
        execution_context enum_flow_execution_context,
        template VARCHAR(100),
        content JSONB NOT NULL,
        position JSONB NOT NULL DEFAULT '{"x": 0, "y": 0}',
        info JSONB NOT NULL DEFAULT '{}',
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        CONSTRAINT uq_flow_nodes_flow_node UNIQUE (flow_id, node_id)
    )
    """,
    "CREATE INDEX idx_flow_nodes_type ON flow_nodes (node_type)",
    """
    CREATE TRIGGER flow_nodes_set_updated_at BEFORE UPDATE ON flow_nodes
    FOR EACH ROW EXECUTE FUNCTION set_updated_at()
    """,
    """
    CREATE TABLE flow_connections (
        id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
        flow_id UUID NOT NULL REFERENCES flow_definitions (id) ON DELETE CASCADE,
        source_node_id VARCHAR(255) NOT NULL,
        target_node_id VARCHAR(255) NOT NULL,
        connection_type VARCHAR(32) NOT NULL DEFAULT 'default',
        conditions JSONB NOT NULL DEFAULT '{}',
        info JSONB NOT NULL DEFAULT '{}',
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        CONSTRAINT uq_flow_connections_edge
            UNIQUE (flow_id, source_node_id, target_node_id, connection_type),
        CONSTRAINT ck_flow_connections_connection_type CHECK (
            connection_type IN ('default', 'success', 'failure', 'error', 'complete')
            OR connection_type ~ '^(\\$[0-9]+|option_[0-9]+)$'
        ),
        CONSTRAINT fk_flow_connections_source FOREIGN KEY (flow_id, source_node_id)
            REFERENCES flow_nodes (flow_id, node_id) ON DELETE CASCADE ON UPDATE CASCADE,
        CONSTRAINT fk_flow_connections_target FOREIGN KEY (flow_id, target_node_id)
            REFERENCES flow_nodes (flow_id, node_id) ON DELETE CASCADE ON UPDATE CASCADE
    )
    """,
    "CREATE INDEX idx_flow_connections ON flow_connections (flow_id, source_node_id)",
    """
    CREATE TABLE flow_versions (
        id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
        flow_id UUID NOT NULL REFERENCES flow_definitions (id) ON DELETE CASCADE,
        version_number INTEGER NOT NULL,
        snapshot JSONB NOT NULL,
        published_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        published_by UUID REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT uq_flow_versions_flow_number UNIQUE (flow_id, version_number),
        CONSTRAINT ck_flow_versions_number_positive CHECK (version_number > 0)
    )
    """,
    """
    CREATE FUNCTION refuse_flow_version_update() RETURNS trigger AS $$
    BEGIN
        -- The only change allowed is ON DELETE SET NULL from the users foreign key.
        IF NEW.id IS NOT DISTINCT FROM OLD.id
           AND NEW.flow_id IS NOT DISTINCT FROM OLD.flow_id
           AND NEW.version_number IS NOT DISTINCT FROM OLD.version_number
           AND NEW.snapshot IS NOT DISTINCT FROM OLD.snapshot
           AND NEW.published_at IS NOT DISTINCT FROM OLD.published_at
           AND NEW.published_by IS NULL THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'flow version % of flow % is published and cannot change',
            OLD.version_number, OLD.flow_id
            USING ERRCODE = 'restrict_violation';
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER flow_versions_immutable BEFORE UPDATE ON flow_versions
    FOR EACH ROW EXECUTE FUNCTION refuse_flow_version_update()
    """,
    """
    ALTER TABLE flow_definitions ADD CONSTRAINT fk_flow_definitions_current_version_id
    FOREIGN KEY (current_version_id) REFERENCES flow_versions (id) ON DELETE SET NULL
    """,
]

DOWNGRADE = [
    "ALTER TABLE flow_definitions DROP CONSTRAINT fk_flow_definitions_current_version_id",
    "DROP TABLE flow_versions",
    "DROP FUNCTION refuse_flow_version_update()",
    "DROP TABLE flow_connections",
    "DROP TABLE flow_nodes",
    "DROP TABLE flow_definitions",
    "DROP TYPE enum_flow_execution_context",
    "DROP TYPE enum_flow_node_type",
]


def upgrade() -> None:
    execute_all(UPGRADE)


def downgrade() -> None:
    execute_all(DOWNGRADE)
