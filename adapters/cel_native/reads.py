"""Which fields of each top-level variable an expression can read.

The library copies every variable it is given into its own values, about a microsecond per map
entry, so handing it a whole ``user`` or ``temp`` scope costs more than evaluating. Most flow
expressions only select fields (``temp.book_count > 0``, ``top_keys(user.hue_profile, 5)``);
binding a scope pruned to those fields gives the same answer for a fraction of the copying.

A variable is prunable only when every mention of it is a field selection ``name.field``
(``has(name.field)`` included). Any other use (``size(temp)``, ``temp['key']``, a method on
it, a macro variable of the same name) needs the whole value, so it is not pruned.
"""

from __future__ import annotations

from typing import Mapping

import lark


def selected_fields(tree: lark.Tree) -> Mapping[str, frozenset[str]]:
    """For each variable used only through field selections, the fields selected."""
    fields: dict[str, set[str]] = {}
    selected: set[int] = set()
    for node in tree.iter_subtrees():
        if node.data == "member_dot" and (ident := _bare_ident(node.children[0])) is not None:
            field = node.children[1]
            fields.setdefault(str(ident.children[0]), set()).add(str(field))
            selected.add(id(ident))
    whole = {
        str(node.children[0])
        for node in tree.iter_subtrees()
        if node.data in ("ident", "dot_ident") and id(node) not in selected
    }
    return {name: frozenset(chosen) for name, chosen in fields.items() if name not in whole}


def _bare_ident(node: lark.Tree | lark.Token) -> lark.Tree | None:
    """The ``ident`` node when ``node`` is ``member(primary(ident NAME))``, else None."""
    for expected in ("member", "primary"):
        if not isinstance(node, lark.Tree) or node.data != expected or len(node.children) != 1:
            return None
        node = node.children[0]
    if isinstance(node, lark.Tree) and node.data == "ident":
        return node
    return None
