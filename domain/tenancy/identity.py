"""Who is asking: a user id, a role and (for school staff and students) a school."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID


class Role(StrEnum):
    WRIVETED_ADMIN = "wriveted_admin"
    SCHOOL_ADMIN = "school_admin"
    EDUCATOR = "educator"
    STUDENT = "student"
    PARENT = "parent"
    PUBLIC_READER = "public_reader"
    SUPPORTER = "supporter"
    SERVICE_ACCOUNT = "service_account"


ADMIN_ROLES = frozenset({Role.WRIVETED_ADMIN, Role.SCHOOL_ADMIN, Role.SERVICE_ACCOUNT})


@dataclass(frozen=True, slots=True)
class Identity:
    user_id: UUID | None
    role: Role
    school_id: UUID | None = None

    @property
    def is_admin(self) -> bool:
        return self.role in ADMIN_ROLES

    @property
    def is_wriveted_admin(self) -> bool:
        return self.role in (Role.WRIVETED_ADMIN, Role.SERVICE_ACCOUNT)
