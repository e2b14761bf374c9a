"""Aggregation of a consultation's prioritisation (pure: plain rows in, results out).

A consultation offers topics (options).  Depending on its method each
participant

* ``choice`` – ticks any number of topics,
* ``rank`` – ranks some or all topics 1, 2, … (1 = most important),
* ``points`` – allocates a budget of points (e.g. 10) over the topics.

For topic :math:`t`, with :math:`S` the number of submissions and :math:`v_{s,t}`
the value participant :math:`s` gave it (tick, rank or points):

.. math::

    n_t = |\\{s : v_{s,t} \\text{ given (points: } > 0)\\}|, \\qquad
    \\text{share}_t = n_t / S, \\qquad
    \\bar r_t = \\frac{1}{n_t} \\sum_s v_{s,t} \\;(\\text{rank}), \\qquad
    P_t = \\sum_s v_{s,t}, \\; \\bar p_t = P_t / S \\;(\\text{points}).

The mean points are taken over *all* submissions (a participant who gave a topic
nothing gave it 0 points); the mean rank only over those who ranked the topic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

__all__ = ["METHODS", "TopicResult", "aggregate_priorities", "share"]

METHODS = ("none", "choice", "rank", "points")


@dataclass(frozen=True)
class TopicResult:
    """The aggregated answers for one topic."""

    option_id: int
    label: str
    position: int
    responses: int
    share: float | None
    mean_rank: float | None = None
    points_total: int | None = None
    mean_points: float | None = None


def share(part: int, whole: int | None) -> float | None:
    """``part / whole``, or ``None`` when the whole is zero or unknown.

    >>> share(3, 4)
    0.75
    >>> share(1, 0) is None
    True
    """
    if not whole:
        return None
    return part / whole


def aggregate_priorities(
    options: Sequence[tuple[int, str]],
    answers: Iterable[tuple[int, int, int]],
    *,
    submissions: int,
    method: str,
) -> list[TopicResult]:
    """Aggregate the prioritisation of a consultation per topic.

    Parameters
    ----------
    options
        ``(option_id, label)`` in the consultation's order.
    answers
        ``(submission_id, option_id, value)`` rows: 1 for a tick, the rank, or the points.
    submissions
        Number of submissions (participants who answered), the denominator of the shares.
    method
        ``"choice"``, ``"rank"`` or ``"points"`` (``"none"`` gives an empty list).

    Returns
    -------
    list of TopicResult
        ``choice``: most ticked first; ``rank``: lowest mean rank first (unranked topics
        last); ``points``: highest point total first; ties keep the consultation's order.

    Raises
    ------
    ValueError
        For an unknown ``method``, a negative ``submissions`` or an answer naming an
        option that is not in ``options``.

    Examples
    --------
    >>> rows = [(1, 10, 1), (1, 11, 2), (2, 10, 2), (2, 11, 1), (3, 10, 1)]
    >>> [(t.label, t.responses, t.mean_rank) for t in aggregate_priorities(
    ...     [(10, "A"), (11, "B")], rows, submissions=3, method="rank")]
    [('A', 3, 1.3333333333333333), ('B', 2, 1.5)]
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    if submissions < 0:
        raise ValueError(f"submissions must be 0 or more, got {submissions}")
    if method == "none":
        return []
    known = {option_id for option_id, _ in options}
    counts = dict.fromkeys(known, 0)
    totals = dict.fromkeys(known, 0)
    for _submission, option_id, value in answers:
        if option_id not in known:
            raise ValueError(f"answer for option {option_id}, which is not an option")
        if method == "points" and value <= 0:
            continue
        counts[option_id] += 1
        totals[option_id] += value
    results = []
    for position, (option_id, label) in enumerate(options):
        result = TopicResult(
            option_id=option_id,
            label=label,
            position=position,
            responses=counts[option_id],
            share=share(counts[option_id], submissions),
        )
        if method == "rank":
            mean = totals[option_id] / counts[option_id] if counts[option_id] else None
            result = replace(result, mean_rank=mean)
        elif method == "points":
            result = replace(
                result,
                points_total=totals[option_id],
                mean_points=share(totals[option_id], submissions),
            )
        results.append(result)
    if method == "choice":
        results.sort(key=lambda r: (-r.responses, r.position))
    elif method == "rank":
        results.sort(
            key=lambda r: (r.mean_rank is None, r.mean_rank or 0.0, -r.responses, r.position)
        )
    else:
        results.sort(key=lambda r: (-(r.points_total or 0), r.position))
    return results
