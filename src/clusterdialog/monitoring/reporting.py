"""Periodic reporting: KPIs derived from the membership records, overdue reports.

A cluster manager reports KPIs per period; the platform already knows the
members and their types, so :func:`derive_membership_kpis` fills in the
number of members, the shares of SMEs and of research and academia and the
entries and exits of the period.  :func:`overdue` flags reports not submitted
in time.  Both are re-exported by :mod:`clusterdialog.monitoring.kpi`.

This module is pure: it reads no files and prints nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from clusterdialog.errors import InputError
from clusterdialog.monitoring._checks import check_count, require_columns, shown

__all__ = ["DERIVED_KPIS", "OPEN_STATUSES", "REPORT_STATUSES", "derive_membership_kpis", "overdue"]

#: The KPIs :func:`derive_membership_kpis` returns, in its order.
DERIVED_KPIS: tuple[str, ...] = (
    "members",
    "share_sme",
    "share_research",
    "new_members",
    "leaving_members",
)
#: Statuses of a periodic report.
REPORT_STATUSES: tuple[str, ...] = ("draft", "submitted", "approved", "returned")
#: Statuses that still wait for the cluster manager (a missing status counts as open too).
OPEN_STATUSES: tuple[str, ...] = ("draft", "returned")


def _dates(values: object, argument: str) -> pd.Series | pd.Timestamp:
    try:
        converted = pd.to_datetime(values)
    except (TypeError, ValueError) as error:
        raise InputError(f"{argument}: expected dates, got {values!r} ({error})") from None
    if isinstance(converted, pd.Series | pd.Timestamp):
        return converted
    return pd.Series(converted)


def _date(value: object, argument: str) -> pd.Timestamp:
    if value is None:
        raise InputError(f"{argument}: expected a date, got None")
    stamp = _dates(value, argument)
    if not isinstance(stamp, pd.Timestamp) or pd.isna(stamp):
        raise InputError(f"{argument}: expected one date, got {value!r}")
    return stamp


def derive_membership_kpis(
    memberships: pd.DataFrame,
    organisations: pd.DataFrame,
    *,
    period_start: object,
    period_end: object,
    sme_types: Iterable[str] = ("firm_sme",),
    research_types: Iterable[str] = ("university", "research"),
) -> pd.DataFrame:
    r"""Members, shares by actor type, entries and exits of a reporting period.

    With :math:`M` the organisations that are members on the last day
    :math:`e` of the period :math:`[s, e]`:

    .. math::

        \text{members} = |M|, \quad
        \text{share\_sme} = 100\,\frac{|\{o \in M : \text{type}(o) \in \text{SME}\}|}{|M|},
        \quad \text{new\_members} = |\{o : s \le \text{since}_o \le e\}|

    and likewise ``share_research`` (universities and research institutes)
    and ``leaving_members`` (:math:`s \le \text{until}_o \le e`).

    Parameters
    ----------
    memberships : pandas.DataFrame
        Columns ``organisation``, ``since`` and ``until`` (dates; empty for
        open ends) and optionally ``initiative``.
    organisations : pandas.DataFrame
        Columns ``organisation`` and ``type`` (actor type of the directory:
        ``firm_sme``, ``firm_large``, ``university``, ``research`` …).
    period_start, period_end : date-like
        First and last day of the reporting period (both inclusive).
    sme_types, research_types : iterable of str
        The actor types counted as SMEs and as research and academia.

    Returns
    -------
    pandas.DataFrame
        Long table ``[initiative,] kpi, value`` with the KPIs of
        :data:`DERIVED_KPIS` (keys of the default catalogue), one block per
        initiative in order of first appearance.  The shares are ``NaN`` when
        there are no members.

    Raises
    ------
    InputError
        For missing columns, unreadable dates, a period that ends before it
        starts, ``until`` before ``since``, or members without a type.

    Notes
    -----
    ``until`` is the last day of a membership: an organisation leaving on the
    last day of the period still counts as a member at its end and as
    leaving.  Organisations are counted once even with several membership
    rows.  Catalogue KPIs that count members usually do so at the end of the
    period (as here); averages over the period are not used.

    Examples
    --------
    >>> import pandas as pd
    >>> memberships = pd.DataFrame({"organisation": ["a", "b", "c", "d"],
    ...     "since": ["2019-05-01", "2024-03-01", None, "2020-01-01"],
    ...     "until": [None, None, "2024-06-30", None]})
    >>> organisations = pd.DataFrame({"organisation": ["a", "b", "c", "d"],
    ...     "type": ["firm_sme", "university", "firm_sme", "firm_large"]})
    >>> derive_membership_kpis(memberships, organisations,
    ...     period_start="2024-01-01", period_end="2024-12-31")
                   kpi      value
    0          members   3.000000
    1        share_sme  33.333333
    2   share_research  33.333333
    3      new_members   1.000000
    4  leaving_members   1.000000
    """
    require_columns(memberships, "memberships", ["organisation", "since", "until"])
    require_columns(organisations, "organisations", ["organisation", "type"])
    start, end = _date(period_start, "period_start"), _date(period_end, "period_end")
    if end < start:
        raise InputError(
            f"period_end: expected a date on or after {start.date()}, got {end.date()}"
        )
    since = _dates(memberships["since"], "memberships.since")
    until = _dates(memberships["until"], "memberships.until")
    backwards = (until < since).to_numpy()
    if backwards.any():
        row = memberships.index[np.argmax(backwards)]
        raise InputError(
            f"memberships: 'until' before 'since' in {int(backwards.sum())} row(s), e.g. row "
            f"{shown(row)}: since {since[row].date()}, until {until[row].date()}"
        )
    types = organisations.drop_duplicates(["organisation", "type"])
    if types["organisation"].duplicated().any():
        dup = types.loc[types["organisation"].duplicated(), "organisation"].iloc[0]
        raise InputError(f"organisations: several types for organisation {dup!r}")
    kind = memberships["organisation"].map(types.set_index("organisation")["type"])
    untyped = memberships.loc[kind.isna(), "organisation"].unique()
    if len(untyped):
        raise InputError(
            f"organisations: no type for {len(untyped)} member organisation(s), e.g. "
            f"{list(untyped[:3])}"
        )
    has_group = "initiative" in memberships.columns
    groups = memberships["initiative"] if has_group else pd.Series(0, index=memberships.index)
    order = pd.unique(groups)
    active = ((since.isna() | (since <= end)) & (until.isna() | (until >= end))).to_numpy()
    flags = {
        "members": active,
        "sme": active & kind.isin(list(sme_types)).to_numpy(),
        "research": active & kind.isin(list(research_types)).to_numpy(),
        "new_members": since.between(start, end).to_numpy(),
        "leaving_members": until.between(start, end).to_numpy(),
    }
    counts = {
        name: memberships["organisation"][flag].groupby(groups[flag], sort=False).nunique()
        .reindex(order, fill_value=0).to_numpy(dtype=float)
        for name, flag in flags.items()
    }  # fmt: skip
    members = counts["members"]
    with np.errstate(invalid="ignore", divide="ignore"):
        values = {
            "members": members,
            "share_sme": np.where(members > 0, 100 * counts["sme"] / members, np.nan),
            "share_research": np.where(members > 0, 100 * counts["research"] / members, np.nan),
            "new_members": counts["new_members"],
            "leaving_members": counts["leaving_members"],
        }
    out = pd.DataFrame({
        "initiative": np.repeat(order, len(DERIVED_KPIS)),
        "kpi": np.tile(DERIVED_KPIS, len(order)),
        "value": np.column_stack([values[k] for k in DERIVED_KPIS]).ravel(),
    })  # fmt: skip
    return out if has_group else out.drop(columns="initiative")


def overdue(reports: pd.DataFrame, *, today: object, due_days: int = 90) -> pd.DataFrame:
    r"""Flag periodic reports that are not submitted although due.

    .. math::

        \text{overdue} = \text{open} \wedge \text{today} > d, \quad
        d = \begin{cases} \text{due} & \text{if given} \\
                          \text{period\_end} + \text{due\_days} & \text{otherwise} \end{cases}

    Parameters
    ----------
    reports : pandas.DataFrame
        Column ``status`` (one of :data:`REPORT_STATUSES`, or empty for a
        report not yet started) and ``due`` and/or ``period_end`` (dates).
    today : date-like
        The day of the check.
    due_days : int
        Days after the end of the period when a report without its own
        ``due`` date is due.

    Returns
    -------
    pandas.DataFrame
        A copy of ``reports`` with ``due_date``, ``days_overdue`` (0 when not
        overdue) and ``overdue`` (bool).

    Raises
    ------
    InputError
        For an unknown status, missing columns, unreadable dates or a row
        without any due date.

    Notes
    -----
    Open means draft, returned (waiting for a revision) or not started;
    submitted and approved reports are never overdue.  A report is due on its
    due date and overdue from the next day.

    Examples
    --------
    >>> import pandas as pd
    >>> reports = pd.DataFrame({"status": ["draft", "submitted", None],
    ...                         "period_end": ["2024-12-31"] * 3})
    >>> overdue(reports, today="2025-04-15", due_days=90)[["status", "days_overdue", "overdue"]]
          status  days_overdue  overdue
    0      draft            15     True
    1  submitted             0    False
    2        NaN            15     True
    """
    require_columns(reports, "reports", ["status"])
    due_days = check_count("due_days", due_days, minimum=0)
    if "due" not in reports.columns and "period_end" not in reports.columns:
        raise InputError(
            f"reports: expected a column 'due' or 'period_end', got {list(reports.columns)}"
        )
    day = _date(today, "today").normalize()
    status = reports["status"]
    unknown = sorted({str(s) for s in status.dropna()} - set(REPORT_STATUSES))
    if unknown:
        raise InputError(
            f"reports: status must be one of {list(REPORT_STATUSES)} or empty, got {unknown}"
        )
    nat = pd.Series(pd.NaT, index=reports.index, dtype="datetime64[ns]")
    due = _dates(reports["due"], "reports.due") if "due" in reports.columns else nat
    if "period_end" in reports.columns:
        computed = _dates(reports["period_end"], "reports.period_end") + pd.Timedelta(days=due_days)
        due = due.where(due.notna(), computed)
    if due.isna().any():
        row = reports.index[np.argmax(due.isna().to_numpy())]
        raise InputError(f"reports: no due date (due or period_end) in row {shown(row)}")
    out = reports.copy()
    out["due_date"] = due.dt.normalize()
    late = (status.isna() | status.isin(OPEN_STATUSES)) & (day > out["due_date"])
    out["days_overdue"] = np.where(late, (day - out["due_date"]).dt.days, 0).astype(int)
    out["overdue"] = late.to_numpy(dtype=bool)
    return out
