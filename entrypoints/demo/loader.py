"""Load the demo data set; running it again changes nothing.

Seed rows are upserted by their natural keys. A flow that already exists (by seed key) is
left alone rather than published again, so a second ``chatbot seed`` adds no versions.
"""

from __future__ import annotations

from pathlib import Path

from adapters.postgres.seeding import PostgresSeeder
from application.ports.persistence import UnitOfWorkFactory
from application.use_cases.import_flow import ImportFlowHandler
from entrypoints.loading import FlowFile, Print, import_flow_files, import_seed_content, read_document

DEMO_DIR = Path(__file__).resolve().parent
SEED_FILE = DEMO_DIR / "seed.json"
FLOW_FILES = tuple(sorted((DEMO_DIR / "flows").glob("*.json")))
DEFAULT_FLOW = "demo-book-finder"


async def load_demo(seeder: PostgresSeeder, uow: UnitOfWorkFactory, import_flow: ImportFlowHandler, echo: Print) -> bool:
    await import_seed_content(seeder, read_document(SEED_FILE), echo)
    missing = []
    for path in FLOW_FILES:
        flow = FlowFile(path, read_document(path))
        async with uow() as work:
            existing = await work.flows.get_by_seed_key(flow.key)
        if existing is None:
            missing.append(path)
        else:
            echo(f"kept {flow.key} id={existing.id} (already loaded)")
    return await import_flow_files(import_flow, missing, echo)
