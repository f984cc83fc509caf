"""A one-to-one matching of points to clauses of the largest total weight.

The aligner's pairs are sparse (each point has a handful of candidate clauses), so this
solves the assignment problem by successive shortest augmenting paths (the Hungarian
method in the form of Jonker and Volgenant, with Dijkstra's search over the sparse pairs).
Each point also has a private "no clause" option of weight 0, so a point is matched only
when that raises the total, and a pair of weight 0 or less is never matched.

Unlike a greedy choice of the best remaining pair, a point whose best clause is slightly
better continued by another point can still take it when that other point has a second
good clause and it has none: the two-sided evidence an editor weighs by eye.
"""

import heapq
from collections.abc import Sequence


def best_matching(weights: Sequence[dict[int, float]]) -> dict[int, int]:
    """The point -> clause matching of the largest total weight.

    ``weights[p]`` maps clause indices to the weight of matching point ``p`` with them;
    pairs of weight 0 or less are ignored. Ties go to the earlier point and clause, so the
    result is deterministic.
    """
    # Costs to minimise: -weight for a clause; 0 for the point's own "no clause" option,
    # written as the column ("none", p) to keep it apart from the clauses.
    costs = [
        {c: -w for c, w in sorted(row.items()) if w > 0} for row in weights
    ]  # point -> {column: cost}
    column_price: dict[object, float] = {}  # v[j] in the textbook; 0 when absent
    owner: dict[object, int] = {}  # column -> the point holding it
    held: dict[int, object] = {}  # point -> its column

    def reduced(point: int, column: object, cost: float) -> float:
        return cost - column_price.get(column, 0.0)

    for start in range(len(costs)):
        if not costs[start]:
            continue  # no clause is worth taking: the point is new
        options = [(c, cost) for c, cost in costs[start].items()]
        options.append((("none", start), 0.0))
        offset = min(reduced(start, c, cost) for c, cost in options)
        distance: dict[object, float] = {}
        reached_from: dict[object, int] = {}
        frontier: list[tuple[float, int, object]] = []
        order = 0  # a tie-breaker the heap can compare, in the order columns were seen
        for column, cost in options:
            d = reduced(start, column, cost) - offset
            heapq.heappush(frontier, (d, order, column))
            order += 1
            reached_from.setdefault(column, start)
            distance.setdefault(column, d)
            if d < distance[column]:
                distance[column], reached_from[column] = d, start
        settled: dict[object, float] = {}
        end = None
        while frontier:
            d, _, column = heapq.heappop(frontier)
            if column in settled or d > distance[column]:
                continue
            settled[column] = d
            holder = owner.get(column)
            if holder is None:
                end = column
                break
            # The holder may move to another of its columns: continue the search from it.
            held_cost = _cost(costs, holder, column)
            slack = reduced(holder, column, held_cost)
            for other, cost in _options(costs, holder):
                if other in settled:
                    continue
                nd = d + reduced(holder, other, cost) - slack
                if other not in distance or nd < distance[other]:
                    distance[other], reached_from[other] = nd, holder
                    heapq.heappush(frontier, (nd, order, other))
                    order += 1
        assert end is not None  # the start point's own "none" column is always free
        final = settled[end]
        for column, d in settled.items():
            column_price[column] = column_price.get(column, 0.0) + d - final
        column = end
        while True:
            point = reached_from[column]
            previous = held.get(point)
            held[point], owner[column] = column, point
            if point == start:
                break
            column = previous
    return {p: c for p, c in held.items() if not isinstance(c, tuple)}


def _options(costs: Sequence[dict[int, float]], point: int):
    yield from costs[point].items()
    yield ("none", point), 0.0


def _cost(costs: Sequence[dict[int, float]], point: int, column: object) -> float:
    return 0.0 if isinstance(column, tuple) else costs[point][column]
