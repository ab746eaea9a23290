"""Static facts about a parsed CEL expression, gathered once when it is compiled.

cel-python resolves function names only while evaluating, so a misspelt function in a branch
that a test session never reaches would otherwise surface in production. Walking the parse tree
for call sites lets ``check`` (used when a flow is published) and ``evaluate`` reject it up front.
The names an expression refers to let evaluation convert only the variables it can read.
"""

from __future__ import annotations

from typing import AbstractSet

import lark

# Call forms cel-python expands itself instead of looking them up as functions.
FUNCTION_MACROS = frozenset({"has", "dyn"})
METHOD_MACROS = frozenset({"all", "exists", "exists_one", "map", "filter", "reduce", "min"})


def unknown_functions(ast: lark.Tree, known: AbstractSet[str]) -> list[str]:
    """Names called in ``ast`` that are neither a macro nor in ``known``, in source order."""
    unknown: list[str] = []
    for node in ast.iter_subtrees_topdown():
        if node.data in ("ident_arg", "dot_ident_arg"):
            name, macros = str(node.children[0]), FUNCTION_MACROS
        elif node.data == "member_dot_arg":
            name, macros = str(node.children[1]), METHOD_MACROS
        else:
            continue
        if name not in known and name not in macros and name not in unknown:
            unknown.append(name)
    return unknown


def referenced_names(ast: lark.Tree) -> frozenset[str]:
    """Every bare identifier in ``ast``: the top-level variables it may read.

    Macro loop variables (the ``v`` of ``l.map(v, ...)``) are included too; binding a name that
    is never read is harmless, leaving out one that is read is not.
    """
    return frozenset(
        str(node.children[0])
        for node in ast.iter_subtrees()
        if node.data in ("ident", "dot_ident")
    )
