"""Mixed int/double arithmetic for the native engine, by rewriting the expression's source.

The library compares numbers across kinds (``3 > 2.5``, ``1.0 == 1``, ``9.0 in [9]``) but, as
strict CEL, refuses arithmetic between them: ``temp.score + 0.5`` with a stored 3 is "no such
overload". Flow state comes from JSON, where 3 and 3.0 are one value, and the cel-python engine
promotes such operands to double; this module gives the native engine the same answer.

Neither normalising the variables nor rewriting literals can: the kinds meet only at run time,
and making every number a double would turn ``7 / 2`` into 3.5 and ``n / 0`` into infinity.
Instead each binary ``+ - * /`` is rewritten (``%`` stays strict, as in cel-python) into a
native form that binds both operands once and promotes only a mixed pair::

    [[L, R]].map(__operands, <exactly one is double and both are numbers>
        ? double(__operands[0]) + double(__operands[1]) : __operands[0] + __operands[1])[0]

so all arithmetic stays in the library: overflow, string, list and timestamp ``+`` keep their
native rules. The rewrite runs only after the original program failed with a type error, and
that retry gives the promoted answer exactly: evaluation has no side effects, and the only
places an error is absorbed (``&&``, ``||``, ``exists``, ``all``) are where the other operand
decides the result whatever the failed one would have been.

The source is parsed once (see ``syntax``) and every part not rewritten is copied from the
original text.
"""

from __future__ import annotations

import lark

from adapters.cel_native.syntax import parse

_OPERATORS = {
    "addition_add": "+",
    "addition_sub": "-",
    "multiplication_mul": "*",
    "multiplication_div": "/",
}

_OPERANDS = "__operands"
_NUMBER_KINDS = "[int, uint, double]"
_PROMOTED = (
    "[[{left}, {right}]].map({p}, "
    "(type({p}[0]) == double) != (type({p}[1]) == double)"
    " && type({p}[0]) in {kinds} && type({p}[1]) in {kinds}"
    " ? double({p}[0]) {op} double({p}[1]) : {p}[0] {op} {p}[1])[0]"
)

def promoted_source(expression: str, tree: lark.Tree | None) -> str | None:
    """``expression`` (parsed as ``tree``) with every binary ``+ - * /`` promoting mixed
    numbers; None when it has none or could not be parsed."""
    if tree is None:
        return None
    try:
        rewritten = _render(tree, expression)
    except RecursionError:
        return None
    return rewritten if rewritten != expression.strip() else None


def _render(node: lark.Tree | lark.Token, source: str) -> str:
    if isinstance(node, lark.Token):
        return str(node)
    children = node.children
    if (
        node.data in ("addition", "multiplication")
        and len(children) == 2
        and isinstance(children[0], lark.Tree)
        and children[0].data in _OPERATORS
    ):
        operation, right = children
        return _PROMOTED.format(
            left=_render(operation.children[0], source),
            right=_render(right, source),
            op=_OPERATORS[operation.data],
            p=_OPERANDS,
            kinds=_NUMBER_KINDS,
        )
    return _splice(node, source)


def _splice(node: lark.Tree, source: str) -> str:
    """The node's own text with each child subtree replaced by its rendering."""
    start, end = node.meta.container_start_pos, node.meta.container_end_pos
    pieces, cursor = [], start
    for child in node.children:
        if not isinstance(child, lark.Tree) or child.meta.empty:
            continue  # tokens stay as the source spells them
        pieces.append(source[cursor:child.meta.container_start_pos])
        pieces.append(_render(child, source))
        cursor = child.meta.container_end_pos
    pieces.append(source[cursor:end])
    return "".join(pieces)
