"""Loading flows and seed data from files: what ``chatbot import``, ``import-content`` and
``seed`` do, run against a built container.

Flow files are in the fixtures' format (``seed_key``, ``name``, ``entry_node_id``,
``flow_data``...). Files are ordered so that a composite's sub-flow is imported before the
flows that use it (composites find their targets by seed key at validation). Each file is
validated and published in one unit of work: a file that fails prints its errors and
leaves nothing behind, and the others still load.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

from adapters.postgres.seeding import PostgresSeeder
from application.use_cases.import_flow import FlowImported, ImportFlow, ImportFlowHandler
from domain.errors import DomainError

Print = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class FlowFile:
    path: Path
    document: Mapping[str, Any]

    @property
    def key(self) -> str:
        return str(self.document.get("seed_key") or self.path)

    def targets(self) -> set[str]:
        """Seed keys and ids of the sub-flows this flow's composites call."""
        nodes = (self.document.get("flow_data") or {}).get("nodes") or []
        found = set()
        for node in nodes:
            if isinstance(node, Mapping) and node.get("type") == "composite":
                content = node.get("content") or {}
                target = content.get("composite_flow_seed_key") or content.get("composite_flow_id")
                if target:
                    found.add(str(target))
        return found


class UnreadableFile(Exception):
    """A flow or seed file that is missing or not a JSON object."""


def read_document(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UnreadableFile(f"{path}: cannot read ({error.strerror or error})") from None
    except json.JSONDecodeError as error:
        raise UnreadableFile(f"{path}: not JSON ({error})") from None
    if not isinstance(document, dict):
        raise UnreadableFile(f"{path}: not a JSON object")
    return document


def dependency_order(files: Sequence[FlowFile]) -> list[FlowFile]:
    """Sub-flows first; otherwise the order given. Cycles keep their given order."""
    by_key = {f.key: f for f in files}
    ordered: list[FlowFile] = []
    visiting: set[str] = set()

    def visit(flow: FlowFile) -> None:
        if flow in ordered or flow.key in visiting:
            return
        visiting.add(flow.key)
        for target in sorted(flow.targets()):
            if target in by_key:
                visit(by_key[target])
        ordered.append(flow)

    for flow in files:
        visit(flow)
    return ordered


async def import_flow_files(
    handler: ImportFlowHandler, paths: Iterable[Path], echo: Print, *, publish: bool = True, theme_id: UUID | None = None
) -> bool:
    """Import each file; print one line per flow (or its errors). True when all loaded."""
    files, ok = [], True
    for path in paths:
        try:
            files.append(FlowFile(path, read_document(path)))
        except UnreadableFile as error:
            echo(f"error: {error}")
            ok = False
    for flow in dependency_order(files):
        try:
            imported = await handler(ImportFlow(document=flow.document, publish=publish, theme_id=theme_id))
        except DomainError as error:
            ok = False
            echo(f"error: {flow.path}: {error.message}")
            for problem in error.errors:
                echo(f"  {problem.field}: {problem.message}")
            continue
        echo(describe_import(imported))
    return ok


def describe_import(imported: FlowImported) -> str:
    flow = imported.flow
    action = "created" if imported.created else "updated"
    version = f"version {imported.published.version.number}" if imported.published else "draft"
    warnings = len(imported.published.report.warnings) if imported.published else 0
    note = f", {warnings} warning(s)" if warnings else ""
    return f"{action} {flow.seed_key or flow.name} id={flow.id} {version}{note}"


async def import_seed_content(seeder: PostgresSeeder, seed: Mapping[str, Any], echo: Print) -> None:
    """The ``school``, ``users``, ``themes`` and ``cms_content`` of a seed file."""
    school_ids: dict[str, UUID] = {}
    school = seed.get("school")
    if school:
        school_ids[str(school.get("seed_key") or "")] = await seeder.school(school)
        echo(f"school {school['name']} ({school['wriveted_identifier']})")
    if seed.get("users"):
        users = await seeder.users(seed["users"], school_ids)
        echo(f"users: {len(users)}")
    school_id = next(iter(school_ids.values()), None)
    for index, theme in enumerate(seed.get("themes") or []):
        theme_id = await seeder.theme(theme, default_for_everyone=index == 0)
        if index == 0 and school_id is not None:
            await seeder.school_theme(school_id, theme_id)
        echo(f"theme {theme['name']} id={theme_id}")
    if seed.get("cms_content"):
        count = await seeder.content(seed["cms_content"], school_id)
        echo(f"content: {count} item(s)")
