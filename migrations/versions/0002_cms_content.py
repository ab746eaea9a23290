"""CMS content: typed content items with full-text search, and their A/B variants.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-01

``search_document`` is kept by a trigger rather than a generated column because it
weighs three sources (content strings A, tags B, info strings C) and
``jsonb_to_tsvector`` is not immutable enough for a generated column. The trigger fires
only when one of those sources changes.
"""

from __future__ import annotations

from migrations.sql import execute_all

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

UPGRADE = [
    """
    CREATE TYPE enum_cms_content_type AS ENUM (
        'joke', 'fact', 'question', 'quote', 'message', 'prompt'
    )
    """,
    """
    CREATE TYPE enum_cms_content_status AS ENUM (
        'draft', 'pending_review', 'approved', 'published', 'archived'
    )
    """,
    """
    CREATE TABLE cms_content (
        id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
        type enum_cms_content_type NOT NULL,
        content JSONB NOT NULL,
        info JSONB NOT NULL DEFAULT '{}',
        tags TEXT[] NOT NULL DEFAULT '{}',
        search_document TSVECTOR,
        is_active BOOLEAN NOT NULL DEFAULT true,
        status enum_cms_content_status NOT NULL DEFAULT 'draft',
        version INTEGER NOT NULL DEFAULT 1,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        created_by UUID REFERENCES users (id) ON DELETE SET NULL,
        school_id UUID REFERENCES schools (wriveted_identifier) ON DELETE CASCADE,
        visibility enum_cms_content_visibility NOT NULL DEFAULT 'wriveted',
        seed_key VARCHAR(255),
        CONSTRAINT uq_cms_content_seed_key UNIQUE (seed_key)
    )
    """,
    "CREATE INDEX idx_content_type ON cms_content (type)",
    "CREATE INDEX idx_content_tags ON cms_content USING GIN (tags)",
    "CREATE INDEX idx_content_active ON cms_content (is_active)",
    "CREATE INDEX idx_content_status ON cms_content (status)",
    "CREATE INDEX ix_cms_content_search_document ON cms_content USING GIN (search_document)",
    "CREATE INDEX ix_cms_content_school_visibility ON cms_content (school_id, visibility)",
    """
    CREATE FUNCTION cms_content_search_document_update() RETURNS trigger AS $$
    BEGIN
        NEW.search_document :=
            setweight(jsonb_to_tsvector('english', coalesce(NEW.content, '{}'::jsonb), '["string"]'), 'A')
            || setweight(to_tsvector('english', coalesce(array_to_string(NEW.tags, ' '), '')), 'B')
            || setweight(jsonb_to_tsvector('english', coalesce(NEW.info, '{}'::jsonb), '["string"]'), 'C');
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER cms_content_search_document_trigger
    BEFORE INSERT OR UPDATE OF content, tags, info ON cms_content
    FOR EACH ROW EXECUTE FUNCTION cms_content_search_document_update()
    """,
    """
    CREATE TRIGGER cms_content_set_updated_at BEFORE UPDATE ON cms_content
    FOR EACH ROW EXECUTE FUNCTION set_updated_at()
    """,
    """
    CREATE TABLE cms_content_variants (
        id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
        content_id UUID NOT NULL REFERENCES cms_content (id) ON DELETE CASCADE,
        variant_key VARCHAR(100) NOT NULL,
        variant_data JSONB NOT NULL,
        weight INTEGER NOT NULL DEFAULT 100,
        conditions JSONB NOT NULL DEFAULT '{}',
        performance_data JSONB NOT NULL DEFAULT '{}',
        is_active BOOLEAN NOT NULL DEFAULT true,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        CONSTRAINT uq_cms_content_variants_content_key UNIQUE (content_id, variant_key),
        CONSTRAINT ck_cms_content_variants_weight CHECK (weight >= 0)
    )
    """,
]

DOWNGRADE = [
    "DROP TABLE cms_content_variants",
    "DROP TABLE cms_content",
    "DROP FUNCTION cms_content_search_document_update()",
    "DROP TYPE enum_cms_content_status",
    "DROP TYPE enum_cms_content_type",
]


def upgrade() -> None:
    execute_all(UPGRADE)


def downgrade() -> None:
    execute_all(DOWNGRADE)
