"""Exports: the portfolio as XLSX and PDF, the annual report, the Wissensbilanz report."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from clusterdialog.web.monitoring import workshops
from clusterdialog.web.monitoring.models import KpiTarget


@pytest.fixture
def reported(initiative, period, approved_report, kpis):
    approved_report(initiative, period, {"members": 4321, "events": 17})
    KpiTarget.objects.create(initiative=initiative, kpi=kpis["members"], year=2025, value=4000)
    return initiative


def test_portfolio_xlsx_holds_the_values(login, admin, reported):
    response = login(admin).get(reverse("monitoring:portfolio_xlsx"), {"year": 2025})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="portfolio-2025.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = [c for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row]
    assert "Photonik-Netz" in cells
    assert 4321 in cells and 4000 in cells


def test_portfolio_pdf(login, admin, reported):
    response = login(admin).get(reverse("monitoring:portfolio_pdf"), {"year": 2025})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_annual_report_of_an_initiative(login, manager, reported):
    response = login(manager).get(
        reverse("monitoring:initiative_pdf", args=[reported.slug]), {"year": 2025}
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert f"monitoring-{reported.slug}-2025.pdf" in response["Content-Disposition"]


def test_wissensbilanz_report(login, manager, initiative):
    statement = workshops.create_statement(
        initiative, title="WB 2025", date="2025-06-01", user=manager
    )
    key = statement.factors.first().key
    workshops.save_ratings(statement, "A", {(key, "quantity"): 60, (key, "quality"): 90})
    response = login(manager).get(reverse("monitoring:wb_pdf", args=[statement.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_exports_need_the_permission(login, manager, other_manager, reported):
    assert login(manager).get(reverse("monitoring:portfolio_pdf")).status_code == 403
    response = login(other_manager).get(reverse("monitoring:initiative_pdf", args=[reported.slug]))
    assert response.status_code == 403
