"""Derived membership KPIs and overdue reports, computed by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from clusterdialog.errors import InputError
from clusterdialog.monitoring import derive_membership_kpis, overdue

ORGANISATIONS = pd.DataFrame({
    "organisation": ["sme1", "sme2", "big", "uni", "lab", "chamber"],
    "type": ["firm_sme", "firm_sme", "firm_large", "university", "research", "chamber"],
})  # fmt: skip


def _memberships():
    return pd.DataFrame({
        "initiative": ["x"] * 6 + ["y"] * 2,
        "organisation": ["sme1", "sme2", "big", "uni", "lab", "chamber", "sme1", "uni"],
        # x: sme1 old; sme2 joins on the first day; big joins on the last day; uni leaves on
        # the last day (still a member at the end); lab left on the first day; chamber
        # joins after the period.  y: sme1 left before the period, uni open-ended.
        "since": ["2018-01-01", "2024-01-01", "2024-12-31", "2020-03-01", "2019-01-01",
                  "2025-01-02", "2017-01-01", None],
        "until": [None, None, None, "2024-12-31", "2024-01-01", None, "2023-12-31", None],
    })  # fmt: skip


def test_membership_kpis_by_hand():
    out = derive_membership_kpis(
        _memberships(), ORGANISATIONS, period_start="2024-01-01", period_end="2024-12-31"
    )
    table = out.set_index(["initiative", "kpi"])["value"]
    # x at 31.12.2024: sme1, sme2, big, uni -> 4 members, 2 SMEs, 1 university
    assert table["x", "members"] == 4
    assert table["x", "share_sme"] == 50.0
    assert table["x", "share_research"] == 25.0
    assert table["x", "new_members"] == 2  # sme2, big
    assert table["x", "leaving_members"] == 2  # uni, lab
    # y: only uni -> research 100 %, nobody joined or left in 2024
    assert [table["y", k] for k in ("members", "share_sme", "share_research")] == [1, 0, 100]
    assert table["y", "new_members"] == 0 and table["y", "leaving_members"] == 0
    assert out["initiative"].tolist()[:5] == ["x"] * 5


def test_no_members_gives_nan_shares_and_organisations_count_once():
    memberships = pd.DataFrame({
        "organisation": ["sme1", "sme1"], "since": ["2020-01-01", "2021-01-01"],
        "until": ["2020-06-30", "2021-12-31"],
    })  # fmt: skip
    out = derive_membership_kpis(
        memberships, ORGANISATIONS, period_start="2021-01-01", period_end="2021-12-31"
    ).set_index("kpi")["value"]
    assert out["members"] == 1 and out["new_members"] == 1 and out["leaving_members"] == 1
    empty = derive_membership_kpis(
        memberships, ORGANISATIONS, period_start="2024-01-01", period_end="2024-12-31"
    ).set_index("kpi")["value"]
    assert empty["members"] == 0 and math.isnan(empty["share_sme"])


def test_membership_failures():
    with pytest.raises(InputError, match="period_end: expected a date on or after 2024-06-01"):
        derive_membership_kpis(_memberships(), ORGANISATIONS, period_start="2024-06-01",
                               period_end="2024-01-01")  # fmt: skip
    backwards = pd.DataFrame({"organisation": ["uni"], "since": ["2024-05-01"],
                              "until": ["2024-01-01"]})  # fmt: skip
    with pytest.raises(InputError, match="'until' before 'since' in 1 row"):
        derive_membership_kpis(backwards, ORGANISATIONS, period_start="2024-01-01",
                               period_end="2024-12-31")  # fmt: skip
    stranger = pd.DataFrame({"organisation": ["ghost"], "since": [None], "until": [None]})
    with pytest.raises(InputError, match=r"no type for 1 member organisation\(s\).*ghost"):
        derive_membership_kpis(stranger, ORGANISATIONS, period_start="2024-01-01",
                               period_end="2024-12-31")  # fmt: skip
    with pytest.raises(InputError, match=r"memberships: missing column\(s\) \['until'\]"):
        derive_membership_kpis(
            pd.DataFrame({"organisation": [], "since": []}),
            ORGANISATIONS,
            period_start="2024-01-01",
            period_end="2024-12-31",
        )
    with pytest.raises(InputError, match="period_start: expected"):
        derive_membership_kpis(_memberships(), ORGANISATIONS, period_start="not a date",
                               period_end="2024-12-31")  # fmt: skip


def test_overdue_borders_and_due_override():
    reports = pd.DataFrame({
        "status": ["draft", "draft", "returned", "approved", None, "draft"],
        "period_end": ["2024-12-31"] * 6,
        "due": [None, None, None, None, None, "2025-06-30"],
    })  # fmt: skip
    before = reports.copy()
    # due = 31.12.2024 + 90 days = 31.03.2025
    out = overdue(reports, today="2025-04-01", due_days=90)
    pd.testing.assert_frame_equal(reports, before)
    assert out["due_date"].dt.strftime("%Y-%m-%d").tolist()[:2] == ["2025-03-31"] * 2
    assert out["days_overdue"].tolist() == [1, 1, 1, 0, 1, 0]
    assert out["overdue"].tolist() == [True, True, True, False, True, False]
    on_the_day = overdue(reports, today="2025-03-31", due_days=90)
    assert not on_the_day["overdue"].any()


def test_overdue_failures():
    with pytest.raises(InputError, match=r"status must be one of .*\['done'\]"):
        overdue(pd.DataFrame({"status": ["done"], "due": ["2025-01-01"]}), today="2025-02-01")
    with pytest.raises(InputError, match="expected a column 'due' or 'period_end'"):
        overdue(pd.DataFrame({"status": ["draft"]}), today="2025-02-01")
    with pytest.raises(InputError, match="no due date"):
        overdue(pd.DataFrame({"status": ["draft"], "due": [None]}), today="2025-02-01")
    with pytest.raises(InputError, match="due_days: expected an integer >= 0, got -1"):
        overdue(pd.DataFrame({"status": ["draft"], "due": ["2025-01-01"]}), today="2025-02-01",
                due_days=-1)  # fmt: skip
