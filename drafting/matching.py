"""A one-to-one matching of points to clauses of the largest total weight.

The aligner's pairs are sparse (each point has a handful of candidate clauses), so this
solves the assignment problem by successive shortest augmenting paths (the Hungarian
method in the form of Jonker and Volgenant, with Dijkstra's search over the sparse pairs):
points are added one at a time, and each may move points already placed along a chain of
reassignments when that raises the total. Each point also has a private "no clause"
option of weight 0, so a point is matched only when that raises the total, and a pair of
weight 0 or less is never matched.

Unlike a greedy choice of the best remaining pair, a point whose best clause is slightly
better continued by another point can still take it when that other point has a second
good clause and it has none: the two-sided evidence an editor weighs by eye.
"""

import heapq
from collections.abc import Iterator, Sequence

# A column is a clause index, or ("none", p): point p's own "no clause" option.
Column = int | tuple[str, int]


def best_matching(weights: Sequence[dict[int, float]]) -> dict[int, int]:
    """The point -> clause matching of the largest total weight.

    ``weights[p]`` maps clause indices to the weight of matching point ``p`` with them;
    pairs of weight 0 or less are ignored. The result is deterministic: ties are broken by
    the order of the points and of their clauses.
    """
    solver = _Solver([{c: -w for c, w in sorted(row.items()) if w > 0} for row in weights])
    for point, costs in enumerate(solver.costs):
        if costs:  # a point with no clause worth taking is simply new
            solver.place(point)
    return {p: c for p, c in solver.held.items() if isinstance(c, int)}


class _Solver:
    """Costs to minimise (minus the weights), the columns' prices and who holds what.

    Dual feasibility is kept throughout: for every point and column, cost - price is at
    least the point's own reduced cost on the column it holds, with equality there; so
    Dijkstra's search runs on non-negative reduced costs.
    """

    def __init__(self, costs: list[dict[int, float]]) -> None:
        self.costs = costs
        self.price: dict[Column, float] = {}
        self.owner: dict[Column, int] = {}
        self.held: dict[int, Column] = {}

    def options(self, point: int) -> Iterator[tuple[Column, float]]:
        yield from self.costs[point].items()
        yield ("none", point), 0.0

    def reduced(self, point: int, column: Column) -> float:
        cost = 0.0 if isinstance(column, tuple) else self.costs[point][column]
        return cost - self.price.get(column, 0.0)

    def place(self, start: int) -> None:
        """Give ``start`` a column along the cheapest chain of reassignments, then reprice."""
        offset = min(self.reduced(start, column) for column, _ in self.options(start))
        distance: dict[Column, float] = {}
        reached_from: dict[Column, int] = {}
        frontier: list[tuple[float, int, Column]] = []
        seen = 0  # a tie-breaker the heap can compare: the order columns were reached in

        def reach(column: Column, d: float, point: int) -> None:
            nonlocal seen
            if column not in distance or d < distance[column]:
                distance[column], reached_from[column] = d, point
                heapq.heappush(frontier, (d, seen, column))
                seen += 1

        for column, _ in self.options(start):
            reach(column, self.reduced(start, column) - offset, start)
        settled: dict[Column, float] = {}
        while True:  # ends: the start's own "none" column is always free
            d, _, column = heapq.heappop(frontier)
            if column in settled or d > distance[column]:
                continue
            settled[column] = d
            holder = self.owner.get(column)
            if holder is None:
                break
            # The holder may move to another of its columns: search on from it.
            slack = self.reduced(holder, column)
            for other, _ in self.options(holder):
                if other not in settled:
                    reach(other, d + self.reduced(holder, other) - slack, holder)
        for settled_column, settled_distance in settled.items():
            self.price[settled_column] = self.price.get(settled_column, 0.0) + (
                settled_distance - d
            )
        while True:
            point = reached_from[column]
            previous = self.held.get(point)
            self.held[point], self.owner[column] = column, point
            if previous is None:  # only the start held no column: the chain ends at it
                return
            column = previous
