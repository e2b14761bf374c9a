"""Monitoring reports: valid PDF/HTML/XLSX files in both languages with the numbers in them."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest

from clusterdialog.errors import InputError
from clusterdialog.monitoring import (
    DEFAULT_CRITERIA,
    assessment_score,
    compare_statements,
    impact_analysis,
    kpi_status,
    peer_benchmark,
    potential_portfolio,
    qqs_aggregate,
)
from clusterdialog.reports.i18n_monitoring import MESSAGES
from clusterdialog.reports.monitoring import (
    initiative_context,
    portfolio_context,
    portfolio_xlsx,
    wissensbilanz_context,
    write_initiative_report,
    write_portfolio_report,
    write_wissensbilanz_report,
)


def _history() -> pd.DataFrame:
    rows = []
    for year, members, events, leaving in ((2022, 38.0, 9.0, 1.0), (2023, 41.0, 11.0, 4.0),
                                           (2024, 47.0, 12.0, 2.0)):  # fmt: skip
        rows += [(year, "members", members, 45.0), (year, "events", events, 12.0),
                 (year, "leaving_members", leaving, 2.0)]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["period", "kpi", "value", "target"])
    return kpi_status(frame)


def initiative_data() -> dict:
    history = _history()
    values = pd.DataFrame({
        "initiative": ["own"] * 3 + [f"p{i}" for i in range(6) for _ in range(3)],
        "kpi": ["members", "events", "leaving_members"] * 7,
        "value": [47.0, 12, 2] + [v for i in range(6) for v in (30.0 + 5 * i, 8.0 + i, 3.0)],
    })  # fmt: skip
    answers = {c.key: 3 if c.area != "recognition" else 1 for c in DEFAULT_CRITERIA}
    return {
        "initiative": "Photonik BW",
        "year": 2024,
        "kpis": history[history["period"] == 2024].drop(columns="period"),
        "history": history,
        "benchmark": peer_benchmark(values, initiative="own"),
        "min_peers": 5,
        "assessment": {"date": dt.date(2024, 11, 5), **vars(assessment_score(answers))},
        "provenance": {"generated": "2025-03-01T10:00", "by": "Anna Admin"},
    }


def portfolio_data() -> dict:
    return {
        "year": 2024,
        "kpis": pd.DataFrame(
            {
                "kpi": ["members", "rd_funding"],
                "name": ["Mitglieder", None],
                "unit": ["count", "eur"],
                "higher_is_better": [True, True],
            }
        ),
        "initiatives": pd.DataFrame(
            {
                "initiative": ["Photonik BW", "Medtech Süd"],
                "technology_fields": ["Optik", "Medizin"],
                "regions": ["Stuttgart", "Tübingen"],
                "size_class": ["medium", "small"],
                "status": ["approved", None],
                "members": [47.0, 23.0],
                "members_target": [45.0, 30.0],
                "members_light": ["green", "red"],
                "rd_funding": [1234567.0, None],
                "rd_funding_light": [None, None],
            }
        ),  # fmt: skip
        "filters": {"size": "medium", "region": ""},
        "provenance": {"generated": "2025-03-01T10:00"},
    }


def wissensbilanz_data() -> dict:
    names = ["member_competence", "collaboration", "external_links", "public_image"]
    ratings = pd.DataFrame(
        [(f, r, d, v) for f, base in zip(names, (90, 30, 60, 120), strict=True)
         for r, shift in (("a", 0), ("b", -30)) for d, v in
         (("quantity", base), ("quality", max(base + shift, 0)), ("systematic", 30))],
        columns=["factor", "rater", "dimension", "value"],
    )  # fmt: skip
    matrix = pd.DataFrame([[0, 3, 3, 1], [1, 0, 3, 2], [0, 2, 0, 0], [0, 1, 1, 0]],
                          index=names, columns=names)  # fmt: skip
    qqs = qqs_aggregate(ratings)
    impact = impact_analysis(matrix)
    portfolio = potential_portfolio(qqs, impact)
    earlier = qqs.assign(overall=qqs["overall"] - 10)
    return {
        "initiative": "Photonik BW", "title": "Wissensbilanz 2025", "date": dt.date(2025, 2, 14),
        "business_model": "Vernetzung der Photonik-Unternehmen im Land.",
        "goals": ["Mehr Verbundprojekte", "Internationale Sichtbarkeit"],
        "qqs": qqs, "matrix": matrix, "impact": impact, "portfolio": portfolio,
        "raters": ["a", "b"],
        "measures": pd.DataFrame({"measure": ["Matchmaking-Tag"], "factor": ["Kooperation"],
                                  "owner": ["Geschäftsstelle"], "deadline": [dt.date(2025, 6, 30)],
                                  "done": [False]}),
        "comparison": compare_statements(earlier, portfolio),
    }  # fmt: skip


def test_catalogue_has_the_same_keys_in_both_languages():
    assert set(MESSAGES["de"]) == set(MESSAGES["en"])
    assert all(MESSAGES["de"].values()) and all(MESSAGES["en"].values())


def test_initiative_context_numbers_and_lights():
    context = initiative_context(initiative_data(), lang="de")
    rows = {r[0]["text"]: r for r in context["kpis"]["rows"]}
    members = rows["Mitglieder"]
    assert [c["text"] for c in members[1:]] == ["47", "45", "grün"]
    assert rows["Ausgetretene Mitglieder"][3]["cls"] == "light green"  # 2 <= target 2
    # 2024: members green, events 12 = 12 green, leaving 2 = 2 green
    assert context["summary"][0].startswith("Von 3 Kennzahlen des Jahres 2024 erreichen 3")
    bench = {r[0]["text"]: r for r in context["benchmark"]["rows"]}
    # own members 47 above all six peers (30..55 step 5 -> 30,35,40,45,50,55): 4 worse -> 66.67
    assert bench["Mitglieder"][3]["text"] == "67"
    assert context["radar"].startswith("<svg")
    assert "Photonik BW" in context["title"] and "2024" in context["title"]


def test_initiative_report_pdf_and_html(tmp_path):
    pdf = write_initiative_report(tmp_path / "report.pdf", initiative_data(), lang="de")
    assert pdf.read_bytes().startswith(b"%PDF")
    html = write_initiative_report(tmp_path / "report.html", initiative_data(), lang="en")
    text = html.read_text(encoding="utf-8")
    assert "Monitoring report 2024: Photonik BW" in text
    # 63 + 4 of 75 points = 89 % and the minimum criteria met: ready, as a self-assessment
    assert "Members" in text and "<svg" in text and "self-assessment, not an award" in text
    assert "89%" in text
    assert "Retrieved by: Anna Admin" in text


def test_reports_without_optional_parts(tmp_path):
    data = {"initiative": "Neu", "kpis": pd.DataFrame(columns=["kpi", "value"])}
    text = write_initiative_report(tmp_path / "empty.html", data, lang="de").read_text("utf-8")
    assert "Für dieses Jahr liegen keine Kennzahlen vor." in text
    assert "Es liegt noch keine Selbstbewertung vor." in text
    wb = write_wissensbilanz_report(tmp_path / "wb.html", {"initiative": "Neu", "qqs": None,
                                                            "impact": None}, lang="en")  # fmt: skip
    assert "There are no ratings yet." in wb.read_text("utf-8")


def test_portfolio_report(tmp_path):
    context = portfolio_context(portfolio_data(), lang="de")
    header = [c["label"] for c in context["table"]["columns"]]
    assert header[-2:] == ["Mitglieder", "Eingeworbene FuE-Fördermittel"]
    first = context["table"]["rows"][0]
    assert first[-1]["text"] == "1.234.567 €" and first[-2]["cls"] == "num light green"
    assert context["table"]["rows"][1][4] == {"text": "fehlt", "cls": ""}
    assert context["filters"] == "Größenklasse: mittel"
    assert "1 grün" in context["summary"][0].replace("sind 1 grün", "1 grün")
    pdf = write_portfolio_report(tmp_path / "portfolio.pdf", portfolio_data(), lang="en")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_portfolio_xlsx_opens_and_holds_the_numbers(tmp_path):
    path = portfolio_xlsx(tmp_path / "portfolio.xlsx", portfolio_data(), lang="de")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Portfolio", "Ampeln", "Ampelzählung", "Kennzahlen", "provenance"]
    sheet = book["Portfolio"]
    header = [c.value for c in sheet[1]]
    assert "Mitglieder" in header and "Mitglieder – Ziel" in header
    assert sheet.cell(2, header.index("Mitglieder") + 1).value == 47
    assert sheet.cell(2, header.index("Eingeworbene FuE-Fördermittel") + 1).value == 1234567
    lights = book["Ampeln"]
    assert [c.value for c in lights[3]][-2:] == ["rot", "ohne Bewertung"]
    counts = book["Ampelzählung"]
    assert [c.value for c in counts[2]] == ["Mitglieder", 1, 0, 1, 0]
    english = openpyxl.load_workbook(portfolio_xlsx(tmp_path / "en.xlsx", portfolio_data(), "en"))
    assert english.sheetnames[:2] == ["Portfolio", "Lights"]


def test_wissensbilanz_report(tmp_path):
    context = wissensbilanz_context(wissensbilanz_data(), lang="de")
    qqs = {r[0]["text"]: r for r in context["qqs"]["rows"]}
    # member_competence: a 90/90/30, b 90/60/30 -> overall (90 + 75 + 30) / 3 = 65, spread 10
    assert qqs["Kompetenzen der Mitglieder"][4]["text"] == "65"
    assert qqs["Kompetenzen der Mitglieder"][5] == {"text": "10", "cls": "num"}
    roles = [r[-1]["text"] for r in context["impact"]["rows"]]
    assert roles == ["aktiv", "kritisch", "reaktiv", "träge"]
    assert context["portfolio_chart"].startswith("<svg")
    assert context["measures"]["rows"][0][3]["text"] == "30.06.2025"
    assert [r[-1]["text"] for r in context["comparison"]["rows"]] == ["verbessert"] * 4
    pdf = write_wissensbilanz_report(tmp_path / "wb.pdf", wissensbilanz_data(), lang="de")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_report_failures(tmp_path):
    with pytest.raises(InputError, match=r"data: missing key\(s\) \['kpis'\]"):
        write_initiative_report(tmp_path / "x.pdf", {"initiative": "x"})
    with pytest.raises(InputError, match="path: expected a .pdf or .html file, got 'x.docx'"):
        write_initiative_report(tmp_path / "x.docx", initiative_data())
    with pytest.raises(InputError, match="lang: expected one of"):
        write_portfolio_report(tmp_path / "x.pdf", portfolio_data(), lang="fr")
    with pytest.raises(InputError, match=r"data\['kpis'\]: expected a pandas DataFrame, got list"):
        initiative_context({"initiative": "x", "kpis": [1, 2]})
    with pytest.raises(InputError, match="path: expected an .xlsx file"):
        portfolio_xlsx(tmp_path / "x.csv", portfolio_data())


def test_empty_portfolio_writes_files(tmp_path):
    data = {"kpis": portfolio_data()["kpis"], "initiatives": pd.DataFrame(), "year": 2024}
    text = write_portfolio_report(tmp_path / "p.html", data, lang="en").read_text("utf-8")
    assert "No initiative matches the selection." in text
    book = openpyxl.load_workbook(portfolio_xlsx(tmp_path / "p.xlsx", data, lang="en"))
    assert book["Portfolio"].max_row == 1


def test_initiative_report_shows_the_observation():
    from clusterdialog.monitoring import field_observation
    from tests.monitoring.test_observation import _panel

    observation = field_observation(_panel(), industries=["a", "b"], regions=["r0"])
    data = {**initiative_data(), "observation": observation}
    rows = initiative_context(data, lang="de")["observation"]["rows"]
    # r0: field 950 (2020) and 1050 (2021), growth 100 * (1050 / 950 - 1) = 10.5 %
    assert [[c["text"] for c in row[:3]] for row in rows] == [
        ["r0", "2020", "950"], ["r0", "2021", "1.050"]
    ]  # fmt: skip
    assert rows[1][4]["text"] == "10,5"
