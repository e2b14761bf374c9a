"""The Wissensbilanz workshop: business model and goals, factors, QQS ratings per
participant, aggregated results with spread, impact matrix, sensitivity roles,
potential portfolio, indicators, measures, PDF report, comparison over time."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdialog.web.monitoring import charts, workshops
from clusterdialog.web.monitoring.forms import (
    FactorForm,
    ImpactMatrixForm,
    IndicatorForm,
    MeasureForm,
    RatingForm,
    WissensbilanzForm,
)
from clusterdialog.web.monitoring.models import (
    WbFactor,
    WbIndicator,
    WbMeasure,
    Wissensbilanz,
)
from clusterdialog.web.monitoring.views.common import initiative_for, language, require

__all__ = [
    "statement_list",
    "statement_detail",
    "factors",
    "factor_delete",
    "rating",
    "impact",
    "evaluation",
    "indicators",
    "measures",
    "measure_done",
    "compare",
]

ROLE_COLOURS = {
    "active": "#009E73",
    "passive": "#0072B2",
    "critical": "#D55E00",
    "inert": "#999999",
}


def _statement(request: HttpRequest, pk: int, permission: str) -> Wissensbilanz:
    statement = get_object_or_404(Wissensbilanz.objects.select_related("initiative"), pk=pk)
    require(request, permission, statement)
    return statement


@login_required
def statement_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The initiative's statements and a form to start a new one (default factor set)."""
    initiative = initiative_for(request, slug, "monitoring.view_wissensbilanz")
    can_change = request.user.has_perm("monitoring.change_wissensbilanz", initiative)
    form = WissensbilanzForm(
        request.POST or None,
        initial={"date": timezone.localdate(), "title": _("Intellectual capital statement")},
    )
    if request.method == "POST":
        require(request, "monitoring.change_wissensbilanz", initiative)
        if form.is_valid():
            statement = workshops.create_statement(
                initiative, user=request.user, language=language(), **form.cleaned_data
            )
            messages.success(request, _("The statement has been created with the default factors."))
            return redirect("monitoring:wb_detail", pk=statement.pk)
    return render(
        request,
        "monitoring/wb_list.html",
        {
            "initiative": initiative,
            "statements": initiative.wissensbilanzen.all(),
            "form": form if can_change else None,
        },
    )


@login_required
def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 1: business model and goals; overview of the workshop steps."""
    statement = _statement(request, pk, "monitoring.view_wissensbilanz")
    can_change = request.user.has_perm("monitoring.change_wissensbilanz", statement)
    form = WissensbilanzForm(request.POST or None, instance=statement)
    if request.method == "POST":
        require(request, "monitoring.change_wissensbilanz", statement)
        if form.is_valid():
            statement = form.save(commit=False)
            statement._history_user = request.user
            statement.save()
            messages.success(request, _("Business model and goals have been saved."))
            return redirect("monitoring:wb_detail", pk=statement.pk)
    others = statement.initiative.wissensbilanzen.exclude(pk=statement.pk)
    return render(
        request,
        "monitoring/wb_detail.html",
        {
            "statement": statement,
            "initiative": statement.initiative,
            "form": form if can_change else None,
            "raters": workshops.raters(statement),
            "factor_count": statement.factors.count(),
            "others": others,
        },
    )


@login_required
def factors(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 2: the factor list (default set for clusters; add, rename, describe)."""
    statement = _statement(request, pk, "monitoring.view_wissensbilanz")
    can_change = request.user.has_perm("monitoring.change_wissensbilanz", statement)
    form = FactorForm(request.POST or None, initial={"order": statement.factors.count() * 10 + 10})
    if request.method == "POST":
        require(request, "monitoring.change_wissensbilanz", statement)
        if form.is_valid():
            factor = form.save(commit=False)
            factor.wissensbilanz = statement
            if statement.factors.filter(key=factor.key).exists():
                form.add_error("key", _("A factor with this key exists already."))
            else:
                factor.save()
                messages.success(request, _("The factor has been added."))
                return redirect("monitoring:wb_factors", pk=statement.pk)
    return render(
        request,
        "monitoring/wb_factors.html",
        {
            "statement": statement,
            "initiative": statement.initiative,
            "factors": statement.factors.all(),
            "form": form if can_change else None,
        },
    )


@login_required
@require_POST
def factor_delete(request: HttpRequest, pk: int) -> HttpResponse:
    factor = get_object_or_404(WbFactor.objects.select_related("wissensbilanz"), pk=pk)
    require(request, "monitoring.change_wissensbilanz", factor)
    statement = factor.wissensbilanz
    factor.delete()
    messages.success(request, _("The factor has been removed."))
    return redirect("monitoring:wb_factors", pk=statement.pk)


@login_required
def rating(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 3: QQS rating form of one participant (0–120 % in steps of 30)."""
    statement = _statement(request, pk, "monitoring.change_wissensbilanz")
    rater = request.POST.get("rater") or request.GET.get("rater", "")
    factor_list = list(statement.factors.all())
    existing = workshops.ratings_of(statement, rater) if rater else {}
    form = RatingForm(
        request.POST or None,
        factors=factor_list,
        existing=existing,
        initial={"rater": rater},
    )
    if request.method == "POST" and form.is_valid():
        count = workshops.save_ratings(statement, form.cleaned_data["rater"], form.ratings())
        messages.success(
            request,
            _("%(count)d ratings of %(rater)s have been saved.")
            % {"count": count, "rater": form.cleaned_data["rater"]},
        )
        return redirect("monitoring:wb_detail", pk=statement.pk)
    return render(
        request,
        "monitoring/wb_rating.html",
        {
            "statement": statement,
            "initiative": statement.initiative,
            "form": form,
            "raters": workshops.raters(statement),
        },
    )


@login_required
def impact(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 4: the impact matrix (influence 0–3 of each factor on each other)."""
    statement = _statement(request, pk, "monitoring.view_wissensbilanz")
    factor_list = list(statement.factors.all())
    form = ImpactMatrixForm(
        request.POST or None,
        factors=factor_list,
        matrix=workshops.impact_matrix(statement, factor_list),
    )
    if request.method == "POST":
        require(request, "monitoring.change_wissensbilanz", statement)
        if form.is_valid():
            workshops.save_impact_matrix(statement, form.cells())
            messages.success(request, _("The impact matrix has been saved."))
            return redirect("monitoring:wb_evaluation", pk=statement.pk)
    return render(
        request,
        "monitoring/wb_impact.html",
        {
            "statement": statement,
            "initiative": statement.initiative,
            "form": form,
            "can_change": request.user.has_perm("monitoring.change_wissensbilanz", statement),
        },
    )


def portfolio_chart(rows: list[dict]):
    points = [
        {
            "label": str(index),
            "title": row["factor"].name,
            "x": row["overall"],
            "y": row["influence_weight"],
            "colour": ROLE_COLOURS.get(row["role"], "#0072B2"),
        }
        for index, row in enumerate(rows, start=1)
        if row["overall"] is not None and row["influence_weight"] is not None
    ]
    return charts.scatter_chart(
        points,
        label=_("Potential portfolio"),
        x_label=_("QQS rating (%)"),
        y_label=_("Relative influence weight"),
        x_range=(0, 120),
        x_split=60,
        y_split=1.0,
    )


@login_required
def evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 5: QQS aggregate with spread, sensitivity roles and the potential portfolio."""
    statement = _statement(request, pk, "monitoring.view_wissensbilanz")
    result = workshops.results(statement)
    rows = workshops.table(result, language())
    return render(
        request,
        "monitoring/wb_evaluation.html",
        {
            "statement": statement,
            "initiative": statement.initiative,
            "rows": rows,
            "has_qqs": result.qqs is not None,
            "has_impact": result.impact is not None,
            "chart": portfolio_chart(rows) if result.portfolio is not None else "",
            "raters": workshops.raters(statement),
        },
    )


@login_required
def indicators(request: HttpRequest, pk: int) -> HttpResponse:
    """Indicators per factor."""
    statement = _statement(request, pk, "monitoring.view_wissensbilanz")
    form = IndicatorForm(request.POST or None, statement=statement)
    if request.method == "POST":
        require(request, "monitoring.change_wissensbilanz", statement)
        if form.is_valid():
            form.save()
            messages.success(request, _("The indicator has been added."))
            return redirect("monitoring:wb_indicators", pk=statement.pk)
    return render(
        request,
        "monitoring/wb_indicators.html",
        {
            "statement": statement,
            "initiative": statement.initiative,
            "indicators": WbIndicator.objects.filter(factor__wissensbilanz=statement)
            .select_related("factor")
            .order_by("factor__order", "name"),
            "form": form
            if request.user.has_perm("monitoring.change_wissensbilanz", statement)
            else None,
        },
    )


@login_required
def measures(request: HttpRequest, pk: int) -> HttpResponse:
    """Measures with owner and deadline."""
    statement = _statement(request, pk, "monitoring.view_wissensbilanz")
    form = MeasureForm(request.POST or None, statement=statement)
    if request.method == "POST":
        require(request, "monitoring.change_wissensbilanz", statement)
        if form.is_valid():
            measure = form.save(commit=False)
            measure.wissensbilanz = statement
            measure.save()
            messages.success(request, _("The measure has been added."))
            return redirect("monitoring:wb_measures", pk=statement.pk)
    return render(
        request,
        "monitoring/wb_measures.html",
        {
            "statement": statement,
            "initiative": statement.initiative,
            "measures": statement.measures.select_related("factor"),
            "form": form
            if request.user.has_perm("monitoring.change_wissensbilanz", statement)
            else None,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def measure_done(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(WbMeasure.objects.select_related("wissensbilanz"), pk=pk)
    require(request, "monitoring.change_wissensbilanz", measure)
    measure.done = not measure.done
    measure.save(update_fields=["done"])
    return redirect("monitoring:wb_measures", pk=measure.wissensbilanz_id)


@login_required
def compare(request: HttpRequest, pk: int, other: int) -> HttpResponse:
    """Two statements of the same initiative compared factor by factor."""
    statement = _statement(request, pk, "monitoring.view_wissensbilanz")
    second = get_object_or_404(Wissensbilanz, pk=other, initiative=statement.initiative)
    earlier, later = sorted([statement, second], key=lambda s: (s.date, s.pk))
    return render(
        request,
        "monitoring/wb_compare.html",
        {
            "statement": statement,
            "initiative": statement.initiative,
            "earlier": earlier,
            "later": later,
            "rows": workshops.compare(earlier, later),
        },
    )
