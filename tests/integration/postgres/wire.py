"""A TCP relay between the tests and PostgreSQL that counts what the server is sent.

Each round trip of the PostgreSQL protocol ends with the client's Sync ('S', extended
protocol) or is a simple Query ('Q', how asyncpg sends BEGIN/COMMIT/ROLLBACK). Counting
those between two marks counts what one piece of code costs on the wire, including what
SQLAlchemy's event hooks never see: transaction control and the pool's pre-ping.
"""

from __future__ import annotations

import asyncio
import struct
from dataclasses import dataclass, field


@dataclass
class WireLog:
    round_trips: int = 0
    simple_queries: list[str] = field(default_factory=list)
    parsed: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.round_trips = 0
        self.simple_queries.clear()
        self.parsed.clear()


class CountingRelay:
    def __init__(self, target_host: str, target_port: int) -> None:
        self._target = (target_host, target_port)
        self.log = WireLog()
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return int(self._server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        for task in list(self._tasks):
            task.cancel()

    async def _serve(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        server_reader, server_writer = await asyncio.open_connection(*self._target)
        for coroutine in (self._client_to_server(client_reader, server_writer),
                          _pipe(server_reader, client_writer)):
            task = asyncio.create_task(coroutine)
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _client_to_server(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            # The startup message has no type byte: a length, then the rest.
            length = struct.unpack("!i", await reader.readexactly(4))[0]
            writer.write(struct.pack("!i", length) + await reader.readexactly(length - 4))
            while True:
                kind = await reader.readexactly(1)
                length = struct.unpack("!i", await reader.readexactly(4))[0]
                body = await reader.readexactly(length - 4)
                self._note(kind, body)
                writer.write(kind + struct.pack("!i", length) + body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    def _note(self, kind: bytes, body: bytes) -> None:
        if kind == b"Q":
            self.log.round_trips += 1
            self.log.simple_queries.append(body.rstrip(b"\0").decode())
        elif kind == b"S":
            self.log.round_trips += 1
        elif kind == b"P":
            name_end = body.index(b"\0")
            query_end = body.index(b"\0", name_end + 1)
            self.log.parsed.append(body[name_end + 1 : query_end].decode())


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while chunk := await reader.read(65536):
            writer.write(chunk)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()
