"""Tenancy, catalogue and themes: schools, users, books, school collections, chat themes.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Schools and themes point at each other (a school's default theme; a theme owned by a
school), so the school → theme foreign key is added once both tables exist. Tenancy
foreign keys reference ``schools.wriveted_identifier``, the identifier the Wriveted
platform shares, as the seeds do. ``set_updated_at`` keeps ``updated_at`` honest for
every table that has one, whatever the writer forgets.
"""

from __future__ import annotations

from migrations.sql import execute_all

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

UPGRADE = [
    """
    CREATE FUNCTION set_updated_at() RETURNS trigger AS $$
    BEGIN
        NEW.updated_at := now();
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TYPE user_role AS ENUM (
        'wriveted_admin', 'school_admin', 'educator', 'student', 'parent',
        'public_reader', 'supporter', 'service_account'
    )
    """,
    "CREATE TYPE enum_cms_content_visibility AS ENUM ('private', 'school', 'public', 'wriveted')",
    """
    CREATE TABLE schools (
        id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
        wriveted_identifier UUID NOT NULL DEFAULT gen_random_uuid(),
        name VARCHAR(255) NOT NULL,
        state VARCHAR(32) NOT NULL DEFAULT 'active',
        bookbot_type VARCHAR(32),
        info JSONB NOT NULL DEFAULT '{}',
        default_theme_id UUID,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        CONSTRAINT uq_schools_wriveted_identifier UNIQUE (wriveted_identifier)
    )
    """,
    """
    CREATE TABLE users (
        id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
        email VARCHAR(320),
        name VARCHAR(255) NOT NULL,
        role user_role NOT NULL DEFAULT 'public_reader',
        school_id UUID REFERENCES schools (wriveted_identifier) ON DELETE SET NULL,
        info JSONB NOT NULL DEFAULT '{}',
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        CONSTRAINT uq_users_email UNIQUE (email)
    )
    """,
    "CREATE INDEX ix_users_school_id ON users (school_id)",
    """
    CREATE TABLE chat_themes (
        id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
        name VARCHAR(255) NOT NULL,
        description TEXT,
        config JSONB NOT NULL DEFAULT '{}',
        logo_url TEXT,
        avatar_url TEXT,
        school_id UUID REFERENCES schools (wriveted_identifier) ON DELETE CASCADE,
        visibility enum_cms_content_visibility NOT NULL DEFAULT 'wriveted',
        is_default BOOLEAN NOT NULL DEFAULT false,
        seed_key VARCHAR(255),
        created_by UUID REFERENCES users (id) ON DELETE SET NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        version INTEGER NOT NULL DEFAULT 1,
        CONSTRAINT uq_chat_themes_seed_key UNIQUE (seed_key)
    )
    """,
    "CREATE INDEX ix_chat_themes_school_id ON chat_themes (school_id)",
    # At most one global default theme: the last step of theme inheritance.
    """
    CREATE UNIQUE INDEX uq_chat_themes_one_global_default ON chat_themes (is_default)
    WHERE is_default AND school_id IS NULL
    """,
    """
    CREATE TRIGGER chat_themes_set_updated_at BEFORE UPDATE ON chat_themes
    FOR EACH ROW EXECUTE FUNCTION set_updated_at()
    """,
    """
    ALTER TABLE schools ADD CONSTRAINT fk_schools_default_theme_id
    FOREIGN KEY (default_theme_id) REFERENCES chat_themes (id) ON DELETE SET NULL
    """,
    """
    CREATE TABLE books (
        id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
        title TEXT NOT NULL,
        isbn VARCHAR(17),
        cover_url TEXT,
        authors TEXT[] NOT NULL DEFAULT '{}',
        summary TEXT,
        min_age INTEGER,
        max_age INTEGER,
        hues TEXT[] NOT NULL DEFAULT '{}',
        reading_abilities TEXT[] NOT NULL DEFAULT '{}',
        info JSONB NOT NULL DEFAULT '{}',
        recommend_status VARCHAR(32) NOT NULL DEFAULT 'good',
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        CONSTRAINT uq_books_isbn UNIQUE (isbn),
        CONSTRAINT ck_books_age_range CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age)
    )
    """,
    "CREATE INDEX ix_books_hues ON books USING GIN (hues)",
    "CREATE INDEX ix_books_reading_abilities ON books USING GIN (reading_abilities)",
    "CREATE INDEX ix_books_age_range ON books (min_age, max_age)",
    """
    CREATE TABLE school_collections (
        id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id UUID NOT NULL REFERENCES schools (wriveted_identifier) ON DELETE CASCADE,
        book_id UUID NOT NULL REFERENCES books (id) ON DELETE CASCADE,
        copies_total INTEGER NOT NULL DEFAULT 0,
        copies_available INTEGER NOT NULL DEFAULT 0,
        CONSTRAINT uq_school_collections_school_book UNIQUE (school_id, book_id),
        CONSTRAINT ck_school_collections_copies
            CHECK (copies_available >= 0 AND copies_available <= copies_total)
    )
    """,
    "CREATE INDEX ix_school_collections_book_id ON school_collections (book_id)",
]

DOWNGRADE = [
    "DROP TABLE school_collections",
    "DROP TABLE books",
    "ALTER TABLE schools DROP CONSTRAINT fk_schools_default_theme_id",
    "DROP TABLE chat_themes",
    "DROP TABLE users",
    "DROP TABLE schools",
    "DROP TYPE enum_cms_content_visibility",
    "DROP TYPE user_role",
    "DROP FUNCTION set_updated_at()",
]


def upgrade() -> None:
    execute_all(UPGRADE)


def downgrade() -> None:
    execute_all(DOWNGRADE)
