"""Partner searches, introductions and notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clusterdialog.web.directory.models import Organisation, OrganisationType
from clusterdialog.web.networks import services
from clusterdialog.web.networks.forms import (
    IntroductionForm,
    IntroductionResponseForm,
    PartnerSearchForm,
)
from clusterdialog.web.networks.models import (
    Introduction,
    IntroductionStatus,
    Notification,
    PartnerSearch,
    PartnerSearchStatus,
)
from clusterdialog.web.networks.services import IntroductionError

__all__ = [
    "introduction_create",
    "introduction_detail",
    "introduction_list",
    "notification_read",
    "partnersearch_close",
    "partnersearch_create",
    "partnersearch_detail",
    "partnersearch_list",
]

PAGE_SIZE = 25


@login_required
@require_GET
def partnersearch_list(request: HttpRequest) -> HttpResponse:
    """Open partner searches (or closed ones with ``?status=closed``), search, type filter."""
    status = request.GET.get("status", PartnerSearchStatus.OPEN)
    if status not in PartnerSearchStatus.values:
        status = PartnerSearchStatus.OPEN
    searches = (
        PartnerSearch.objects.filter(status=status)
        .select_related("organisation")
        .prefetch_related("wanted_industries", "technology_fields")
        .order_by("-created", "pk")
    )
    query = request.GET.get("q", "").strip()
    if query:
        searches = searches.filter(Q(title__icontains=query) | Q(text__icontains=query))
    wanted = request.GET.get("typ", "")
    if wanted in OrganisationType.values:
        # JSON containment is not portable to SQLite; the list is short, so filter the ids
        ids = [pk for pk, types in searches.values_list("pk", "wanted_types") if wanted in types]
        searches = searches.filter(pk__in=ids)
    page = Paginator(searches, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "networks/partnersearch_list.html",
        {
            "page": page,
            "status": status,
            "query": query,
            "wanted": wanted,
            "types": OrganisationType.choices,
            "params": params.urlencode(),
            "matching": services.matching_partner_searches(request.user),
            "may_add": request.user.has_perm("networks.add_partnersearch"),
        },
    )


def _search_organisations(user):
    if user.has_perm("networks.import_projects"):
        return Organisation.objects.order_by("name")
    return user.represented_organisations.order_by("name")


@login_required
def partnersearch_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("networks.add_partnersearch"):
        raise PermissionDenied
    form = PartnerSearchForm(
        request.POST or None, organisations=_search_organisations(request.user)
    )
    if request.method == "POST" and form.is_valid():
        search = form.save(commit=False)
        search.author = request.user
        search.save()
        form.save_m2m()
        messages.success(request, _("Your partner search was published."))
        return redirect("networks:partnersearch_detail", pk=search.pk)
    return render(request, "networks/partnersearch_form.html", {"form": form})


@login_required
@require_GET
def partnersearch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    search = get_object_or_404(
        PartnerSearch.objects.select_related("organisation", "author"), pk=pk
    )
    user = request.user
    represents = search.organisation.representatives.filter(pk=user.pk).exists()
    return render(
        request,
        "networks/partnersearch_detail.html",
        {
            "search": search,
            "may_change": user.has_perm("networks.change_partnersearch", search),
            "may_reply": search.status == PartnerSearchStatus.OPEN and not represents,
        },
    )


@login_required
@require_POST
def partnersearch_close(request: HttpRequest, pk: int) -> HttpResponse:
    search = get_object_or_404(PartnerSearch, pk=pk)
    if not request.user.has_perm("networks.change_partnersearch", search):
        raise PermissionDenied
    search.status = PartnerSearchStatus.CLOSED
    search.closed_at = timezone.now()
    search.save(update_fields=["status", "closed_at"])
    messages.success(request, _("The partner search was closed."))
    return redirect("networks:partnersearch_detail", pk=search.pk)


@login_required
@require_GET
def introduction_list(request: HttpRequest) -> HttpResponse:
    """Introductions the user asked for, and those asked of her organisations."""
    user = request.user
    received = (
        Introduction.objects.filter(target__representatives=user)
        .select_related("requester", "requester_organisation", "target")
        .order_by("-created")
        .distinct()
    )
    sent = user.introductions_requested.select_related("target", "requester_organisation").order_by(
        "-created"
    )
    return render(
        request,
        "networks/introduction_list.html",
        {"received": received[:100], "sent": sent[:100]},
    )


@login_required
def introduction_create(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask to be introduced to an organisation (optionally in reply to a partner search)."""
    target = get_object_or_404(Organisation, slug=slug)
    if not target.published and not request.user.has_perm("directory.view_organisation", target):
        raise Http404
    if not request.user.has_perm("networks.add_introduction"):
        raise PermissionDenied
    search = None
    search_id = request.GET.get("suche") or request.POST.get("suche")
    if search_id and search_id.isdigit():
        search = PartnerSearch.objects.filter(pk=int(search_id), organisation=target).first()
    own = request.user.represented_organisations.order_by("name")
    form = IntroductionForm(request.POST or None, organisations=own)
    if request.method == "POST" and form.is_valid():
        try:
            introduction = services.request_introduction(
                request.user,
                target,
                form.cleaned_data["message"],
                requester_organisation=form.cleaned_data.get("requester_organisation"),
                partner_search=search,
            )
        except IntroductionError as error:
            form.add_error(None, _explain(error))
        else:
            messages.success(request, _("Your request was sent to the organisation."))
            return redirect("networks:introduction_detail", pk=introduction.pk)
    return render(
        request,
        "networks/introduction_form.html",
        {"form": form, "target": target, "search": search},
    )


def _explain(error: IntroductionError) -> str:
    return {
        "own": _("You represent this organisation yourself."),
        "open": _("You have already asked this organisation; please wait for the answer."),
    }.get(error.code, _("You do not represent the organisation you named."))


@login_required
def introduction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One introduction; the target's representatives accept or decline it here."""
    introduction = get_object_or_404(
        Introduction.objects.select_related(
            "requester", "requester_organisation", "target", "responded_by", "partner_search"
        ),
        pk=pk,
    )
    user = request.user
    if not user.has_perm("networks.view_introduction", introduction):
        raise PermissionDenied
    may_respond = user.has_perm("networks.respond_introduction", introduction) and (
        introduction.status == IntroductionStatus.REQUESTED
    )
    form = IntroductionResponseForm(request.POST or None) if may_respond else None
    Notification.objects.filter(
        recipient=user, introduction=introduction, read_at__isnull=True
    ).update(read_at=timezone.now())
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.respond_introduction(
                    introduction,
                    user,
                    accept=form.cleaned_data["accept"],
                    response=form.cleaned_data["response"],
                )
            except IntroductionError:
                messages.error(request, _("This request was already answered."))
            else:
                messages.success(request, _("Your answer was sent."))
            return redirect("networks:introduction_detail", pk=introduction.pk)
    accepted = introduction.status == IntroductionStatus.ACCEPTED
    return render(
        request,
        "networks/introduction_detail.html",
        {
            "introduction": introduction,
            "form": form,
            "accepted": accepted,
            "contacts": introduction.target.representatives.order_by("email") if accepted else [],
        },
    )


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Mark one notification (or all of the user's) as read."""
    notifications = Notification.objects.filter(recipient=request.user, read_at__isnull=True)
    if pk is not None:
        notifications = notifications.filter(pk=pk)
    notifications.update(read_at=timezone.now())
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "accounts:start"
    return redirect(target)
