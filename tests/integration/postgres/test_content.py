"""Published CMS content on PostgreSQL: visibility, type, tags, info filters and exclusion."""

from __future__ import annotations

from uuid import uuid4

from domain.conversation.requests import ContentItem, FindContent


async def test_published_active_content_for_everyone_is_found_by_id(uow, samples):
    content_id = await samples.content("fact", tags=["space"], info={"min_age": 7}, text="Mars is red")
    async with uow() as work:
        item = await work.content.get_published(content_id, None)
    assert item == ContentItem(id=content_id, type="fact", content={"text": "Mars is red"},
                               tags=("space",), info={"min_age": 7})


async def test_drafts_inactive_and_other_schools_content_stay_hidden(uow, samples):
    mine, theirs = await samples.school("Mine"), await samples.school("Theirs")
    draft = await samples.content(status="draft")
    inactive = await samples.content(is_active=False)
    for_mine = await samples.content(visibility="school", school_id=mine)
    private_theirs = await samples.content(visibility="private", school_id=theirs)
    public = await samples.content(visibility="public")

    async with uow() as work:
        seen_by_mine = {i for i in (draft, inactive, for_mine, private_theirs, public)
                        if await work.content.get_published(i, mine)}
        seen_by_nobody = {i for i in (for_mine, public) if await work.content.get_published(i, None)}
        found = await work.content.find_published(FindContent("joke"), theirs, 10)
    assert seen_by_mine == {for_mine, public}
    assert seen_by_nobody == {public}
    assert {i.id for i in found} == {private_theirs, public}


async def test_an_id_that_is_not_a_uuid_finds_nothing(uow, samples):
    async with uow() as work:
        assert await work.content.get_published("not-a-uuid", None) is None
        assert await work.content.get_published(str(uuid4()), None) is None


async def test_finding_filters_by_type_and_any_shared_tag_in_id_order(uow, samples):
    space = await samples.content("fact", tags=["space", "science"])
    sea = await samples.content("fact", tags=["sea"])
    untagged = await samples.content("fact")
    await samples.content("joke", tags=["space"])

    async with uow() as work:
        tagged = await work.content.find_published(FindContent("fact", tags=("space", "sea")), None, 10)
        every_fact = await work.content.find_published(FindContent("fact"), None, 10)
        first_two = await work.content.find_published(FindContent("fact"), None, 2)
        unknown_type = await work.content.find_published(FindContent("limerick"), None, 10)
    assert [i.id for i in tagged] == sorted([space, sea])
    assert [i.id for i in every_fact] == sorted([space, sea, untagged])
    assert [i.id for i in first_two] == sorted([space, sea, untagged])[:2]
    assert unknown_type == []


async def test_excluded_ids_are_left_out(uow, samples):
    one, two = await samples.content(), await samples.content()
    async with uow() as work:
        found = await work.content.find_published(FindContent("joke", exclude_ids=(one, "not-a-uuid")), None, 10)
    assert [i.id for i in found] == [two]


async def test_age_bounds_find_content_suitable_for_the_age(uow, samples):
    young = await samples.content(info={"min_age": 5, "max_age": 8})
    middle = await samples.content(info={"min_age": 7, "max_age": 12})
    await samples.content(info={"min_age": 10, "max_age": 14})
    await samples.content(info={})  # no bounds at all: a filter on a missing key excludes it

    async with uow() as work:
        nine = await work.content.find_published(FindContent("joke", info_filters={"min_age": 9, "max_age": 9}), None, 10)
        seven_as_text = await work.content.find_published(
            FindContent("joke", info_filters={"min_age": "7", "max_age": "7"}), None, 10)
        unknown_age = await work.content.find_published(FindContent("joke", info_filters={"min_age": None,
                                                                                           "max_age": ""}), None, 10)
    assert [i.id for i in nine] == [middle]
    assert sorted(i.id for i in seven_as_text) == sorted([young, middle])
    assert len(unknown_age) == 4


async def test_equality_filters_compare_as_the_stored_type(uow, samples):
    easy = await samples.content(info={"level": 2, "min_level": 1, "funny": True, "topic": "cats"})
    await samples.content(info={"level": 3, "funny": False, "topic": "dogs"})

    async with uow() as work:
        async def ids(**filters):
            return [i.id for i in await work.content.find_published(FindContent("joke", info_filters=filters), None, 10)]

        assert await ids(level="2") == [easy]
        assert await ids(level=2.0) == [easy]
        assert await ids(funny="yes") == [easy]
        assert await ids(topic="cats", funny=True) == [easy]
        assert await ids(level="two") == []
        assert await ids(min_level="1") == [easy]
        assert await ids(min_level="lots") == []
        assert await ids(topic=5) == []
