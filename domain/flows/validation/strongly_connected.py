"""Strongly connected components (Tarjan's algorithm, iterative so deep flows cannot overflow)."""

from __future__ import annotations

from typing import Mapping, Sequence


def strongly_connected_components(edges: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Components in discovery order; within each, nodes in the order the walk met them."""
    index_of: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = 0
    for root in edges:
        if root in index_of:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index_of[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = edges[node]
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position]
                if target not in index_of:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index_of[target])
                continue
            for target in targets:
                if target in on_stack and index_of[target] > index_of[node]:
                    low[node] = min(low[node], low[target])
            if low[node] == index_of[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component[::-1])
    return components
