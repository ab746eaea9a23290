"""Typed keys for what the aiohttp application holds."""

from __future__ import annotations

from aiohttp import web

from entrypoints.container import Container

CONTAINER = web.AppKey("container", Container)
