"""The peers' field lists, derived from the app's declarations (clauses/fields.py), so that
a naive peer and a floor read and write what the app does, field for field.

The diff counts a position changed when any of its fields but two changes: its date and
whether it was carried over are shown, and alone change nothing (comparison/diff.py). The
diff peers compare the same fields (``DIFF_COMPARED``).
"""

import operator

from clauses.fields import POSITION
from core.fields import Declaration

# The position's fields that alone do not change it, for the diff.
DIFF_IGNORES = ("stated_on", "carried_over")
DIFF_COMPARED = tuple(name for name in POSITION.names if name not in DIFF_IGNORES)
# A position's (or a snapshot's) values of DIFF_COMPARED, as the diff peers take them.
diff_compared = operator.attrgetter(*DIFF_COMPARED)
# What a cloned position takes over from the one it copies: carried_over is set anew.
POSITION_COPIED = tuple(name for name in POSITION.names if name != "carried_over")


def columns(alias: str, declaration: Declaration, names=None) -> str:
    """``alias.column`` for each declared field (or each of ``names``), for raw SQL."""
    names = declaration.names if names is None else names
    return ", ".join(f"{alias}.{declaration.model_field(name).column}" for name in names)
