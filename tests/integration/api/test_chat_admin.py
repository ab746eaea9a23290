"""Administrators list and delete conversations; everyone else is turned away."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from uuid import UUID, uuid4

import pytest

from domain.tenancy.identity import Role
from entrypoints.api.auth import mint_token
from entrypoints.api.chat import schemas
from tests.chat_api import ChatApi
from tests.chat_world import AT_SCHOOL, HUEY, SCHOOL, TEST_KEY, user_id

KEY = TEST_KEY.encode()


def token(role: Role, school: str | None = None, **kwargs: object) -> str:
    return mint_token(KEY, role, user_id=uuid4(), school_id=UUID(school) if school else None, **kwargs)  # type: ignore[arg-type]


async def test_without_a_token_the_admin_endpoints_answer_unauthenticated(api: ChatApi) -> None:
    reply = await api.admin_sessions()

    assert reply.status == 401 and reply.problem == "unauthenticated"
    assert reply.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "bearer",
    [
        "not-a-jwt",
        mint_token(b"some-other-key-entirely-0123456789abcdef", Role.WRIVETED_ADMIN),
        mint_token(KEY, Role.WRIVETED_ADMIN, now=datetime.now(timezone.utc) - timedelta(hours=2)),
    ],
    ids=["garbage", "signed with another key", "expired"],
)
async def test_a_bad_or_expired_token_is_unauthenticated(api: ChatApi, bearer: str) -> None:
    reply = await api.admin_sessions(bearer)

    assert reply.status == 401


@pytest.mark.parametrize("role", [Role.STUDENT, Role.EDUCATOR, Role.PARENT])
async def test_roles_that_are_not_admins_are_forbidden(api: ChatApi, role: Role) -> None:
    reply = await api.admin_sessions(token(role, SCHOOL))

    assert reply.status == 403 and reply.problem == "forbidden"


async def test_an_admin_lists_conversations_with_filters_and_pages(api: ChatApi) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)
    await api.begin(HUEY, AT_SCHOOL)
    flow_id = (await api.session(chat.token)).body["flow_id"]
    admin = token(Role.WRIVETED_ADMIN)

    page = await api.admin_sessions(admin, flow_id=flow_id, status="active", limit=1)
    bad = await api.admin_sessions(admin, status="sleeping")

    assert page.status == 200
    listed = schemas.AdminSessionPage.model_validate(page.body)
    assert len(listed.items) == 1 and listed.total >= 2 and listed.limit == 1
    assert str(listed.items[0].flow_id) == flow_id
    assert bad.status == 422 and bad.fields == ["status"]


async def test_a_school_admin_sees_only_their_schools_conversations(api: ChatApi) -> None:
    await api.begin(HUEY, AT_SCHOOL)
    elsewhere = await api.begin(HUEY)

    page = await api.admin_sessions(token(Role.SCHOOL_ADMIN, SCHOOL), limit=200)

    ids = {item["session_id"] for item in page.body["items"]}
    assert page.status == 200 and ids
    assert elsewhere.session_id not in ids
    assert all(item["school_id"] == SCHOOL for item in page.body["items"])


async def test_an_admin_deletes_a_conversation_and_it_is_gone(api: ChatApi) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)
    admin = token(Role.WRIVETED_ADMIN)

    deleted = await api.admin_delete(chat.session_id, admin)
    again = await api.admin_delete(chat.session_id, admin)
    read = await api.session(chat.token)

    assert deleted.status == 204
    assert again.status == 404 and read.status == 404
    assert (await api.admin_delete("not-a-uuid", admin)).status == 404


async def test_a_school_admin_cannot_delete_another_schools_conversation(api: ChatApi) -> None:
    elsewhere = await api.begin(HUEY)

    reply = await api.admin_delete(elsewhere.session_id, token(Role.SCHOOL_ADMIN, SCHOOL))

    assert reply.status == 404
    assert (await api.session(elsewhere.token)).status == 200


async def test_a_signed_in_reader_starts_a_chat_as_themselves_at_their_school(
    api: ChatApi, huey_database: str
) -> None:
    student = await user_id(huey_database, "student@local.test")
    bearer = mint_token(KEY, Role.STUDENT, user_id=student, school_id=UUID(SCHOOL))

    reply = await api.start(HUEY, bearer=bearer)

    assert reply.status == 201
    session = await api.session(reply.body["session_token"])
    assert session.body["user_id"] == str(student)
    assert session.body["state"]["context"]["school_name"] == "Admin UI Test School"


async def test_a_reader_cannot_start_a_chat_for_someone_else(api: ChatApi, huey_database: str) -> None:
    student = await user_id(huey_database, "student@local.test")
    bearer = mint_token(KEY, Role.STUDENT, user_id=uuid4(), school_id=UUID(SCHOOL))

    reply = await api.start(HUEY, bearer=bearer, user_id=str(student))

    assert reply.status == 403 and reply.fields == ["user_id"]


async def test_a_token_for_a_user_this_service_does_not_know_cannot_start_a_chat(api: ChatApi) -> None:
    reply = await api.start(HUEY, bearer=token(Role.STUDENT, SCHOOL))

    assert reply.status == 422 and reply.fields == ["user_id"]
