"""Schools by Wriveted id, and the themes of theme inheritance."""

from __future__ import annotations

from uuid import uuid4


async def test_a_school_is_found_by_its_wriveted_identifier(uow, samples):
    theme = await samples.theme("School blue")
    wriveted_id = await samples.school("Admin UI Test School", default_theme_id=theme)
    async with uow() as work:
        school = await work.schools.by_wriveted_id(wriveted_id)
        nobody = await work.schools.by_wriveted_id(uuid4())
    assert (school.name, school.wriveted_identifier, school.default_theme_id) == ("Admin UI Test School", wriveted_id, theme)
    assert school.info == {"city": "Wellington"} and nobody is None


async def test_themes_by_id_school_default_and_global_default(uow, samples):
    global_theme = await samples.theme("Global", is_default=True)
    school_theme = await samples.theme("Blue")
    school = await samples.school(default_theme_id=school_theme)
    await samples.theme("A school's own default", is_default=True, school_id=school)
    plain_school = await samples.school("Plain")

    async with uow() as work:
        by_id = await work.themes.get(school_theme)
        of_school = await work.themes.school_default(school)
        of_plain_school = await work.themes.school_default(plain_school)
        fallback = await work.themes.global_default()
        missing = await work.themes.get(uuid4())
    assert by_id.name == "Blue" and by_id.config == {"colour": "Blue"} and by_id == of_school
    assert of_plain_school is None and missing is None
    assert fallback.id == global_theme and fallback.is_default and fallback.school_id is None


async def test_without_a_global_default_there_is_none(uow, samples):
    await samples.theme("Not default")
    async with uow() as work:
        assert await work.themes.global_default() is None
