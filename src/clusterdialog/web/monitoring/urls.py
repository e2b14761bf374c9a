from django.urls import path

from clusterdialog.web.monitoring.views import (
    assessments,
    dashboards,
    exports,
    reports,
    surveys,
    wissensbilanz,
)

app_name = "monitoring"
urlpatterns = [
    path("", reports.index, name="index"),
    # Catalogue and periods (state administrator).
    path("kennzahlen/", reports.kpi_list, name="kpi_list"),
    path("kennzahlen/neu/", reports.kpi_edit, name="kpi_create"),
    path("kennzahlen/<int:pk>/", reports.kpi_edit, name="kpi_edit"),
    path("perioden/", reports.periods, name="periods"),
    # Reports.
    path("berichte/", reports.report_list, name="report_list"),
    path("berichte/<int:pk>/", reports.report_detail, name="report_detail"),
    path("berichte/<int:pk>/bearbeiten/", reports.report_edit, name="report_edit"),
    path("berichte/<int:pk>/einreichen/", reports.report_submit, name="report_submit"),
    path("berichte/<int:pk>/freigeben/", reports.report_approve, name="report_approve"),
    path("berichte/<int:pk>/zurueckgeben/", reports.report_return, name="report_return"),
    path("berichte/<int:pk>/aktualisieren/", reports.report_refresh, name="report_refresh"),
    path("berichte/<int:pk>/verlauf/", reports.report_history, name="report_history"),
    # The ministry's portfolio.
    path("portfolio/", dashboards.portfolio, name="portfolio"),
    path("portfolio.xlsx", exports.portfolio_xlsx, name="portfolio_xlsx"),
    path("portfolio.pdf", exports.portfolio_pdf, name="portfolio_pdf"),
    # One initiative.
    path("initiativen/<slug:slug>/", dashboards.dashboard, name="dashboard"),
    path("initiativen/<slug:slug>/bericht/", reports.report_open, name="report_open"),
    path("initiativen/<slug:slug>/ziele/", dashboards.targets_edit, name="targets"),
    path("initiativen/<slug:slug>/vergleich/", dashboards.benchmark, name="benchmark"),
    path(
        "initiativen/<slug:slug>/jahresbericht.pdf",
        exports.initiative_pdf,
        name="initiative_pdf",
    ),
    # Self-assessment.
    path(
        "initiativen/<slug:slug>/selbstbewertung/",
        assessments.assessment_list,
        name="assessment_list",
    ),
    path(
        "initiativen/<slug:slug>/selbstbewertung/neu/",
        assessments.assessment_edit,
        name="assessment_create",
    ),
    path(
        "initiativen/<slug:slug>/selbstbewertung/<int:pk>/bearbeiten/",
        assessments.assessment_edit,
        name="assessment_edit",
    ),
    path("selbstbewertung/<int:pk>/", assessments.assessment_detail, name="assessment_detail"),
    path(
        "selbstbewertung/<int:pk>/nachweise/",
        assessments.evidence_upload,
        name="evidence_upload",
    ),
    path(
        "selbstbewertung/nachweise/<int:pk>/",
        assessments.evidence_download,
        name="evidence_download",
    ),
    path(
        "selbstbewertung/einstellungen/",
        assessments.assessment_settings,
        name="assessment_settings",
    ),
    # Wissensbilanz.
    path("initiativen/<slug:slug>/wissensbilanz/", wissensbilanz.statement_list, name="wb_list"),
    path("wissensbilanz/<int:pk>/", wissensbilanz.statement_detail, name="wb_detail"),
    path("wissensbilanz/<int:pk>/faktoren/", wissensbilanz.factors, name="wb_factors"),
    path(
        "wissensbilanz/faktoren/<int:pk>/entfernen/",
        wissensbilanz.factor_delete,
        name="wb_factor_delete",
    ),
    path("wissensbilanz/<int:pk>/bewertung/", wissensbilanz.rating, name="wb_rating"),
    path("wissensbilanz/<int:pk>/wirkungen/", wissensbilanz.impact, name="wb_impact"),
    path("wissensbilanz/<int:pk>/auswertung/", wissensbilanz.evaluation, name="wb_evaluation"),
    path("wissensbilanz/<int:pk>/indikatoren/", wissensbilanz.indicators, name="wb_indicators"),
    path("wissensbilanz/<int:pk>/massnahmen/", wissensbilanz.measures, name="wb_measures"),
    path(
        "wissensbilanz/massnahmen/<int:pk>/erledigt/",
        wissensbilanz.measure_done,
        name="wb_measure_done",
    ),
    path("wissensbilanz/<int:pk>/bericht.pdf", exports.wissensbilanz_pdf, name="wb_pdf"),
    path(
        "wissensbilanz/<int:pk>/vergleich/<int:other>/",
        wissensbilanz.compare,
        name="wb_compare",
    ),
    # Member surveys.
    path("initiativen/<slug:slug>/umfragen/", surveys.survey_list, name="survey_list"),
    path("umfragen/<int:pk>/", surveys.survey_detail, name="survey_detail"),
    path("umfragen/wellen/<int:pk>/", surveys.wave_answer, name="wave_answer"),
]
