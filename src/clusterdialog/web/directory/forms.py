"""Forms of the directory: profiles, memberships, contact persons, imports.

Labels come from the models' verbose names (translated, so German by
default).  Fields that only the state administrator may set (published,
managers, representatives) are added by the ``admin=True`` variant.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.directory.models import (
    ContactPerson,
    Industry,
    Initiative,
    Membership,
    Organisation,
    Region,
    RegionLevel,
)
from clusterdialog.web.directory.services import industries_in_order

__all__ = [
    "CONSENT_WORDING",
    "ContactPersonForm",
    "ImportForm",
    "InitiativeForm",
    "MembershipEndForm",
    "MembershipForm",
    "OrganisationForm",
]

#: The default wording of the consent a contact person gives.
CONSENT_WORDING = _(
    "I agree that the Cluster-Dialog platform stores my name, function and contact details "
    "to contact me about the initiative or organisation named here and, where marked as "
    "public, shows them on its public profile. I can withdraw my consent at any time; my "
    "data will then be deleted."
)

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _industry_choices(field) -> None:
    """Group the WZ choices by section: each section, then its divisions."""
    groups: list[tuple[str, list]] = []
    for industry in industries_in_order(Industry.objects.filter(level__lte=2)):
        label = f"{industry.code} {industry.name}"
        if industry.level == 1:
            groups.append((label, [(industry.pk, label)]))
        elif groups:
            groups[-1][1].append((industry.pk, label))
    field.choices = groups


def _region_choices():
    return Region.objects.filter(
        level__in=[RegionLevel.STATE, RegionLevel.DISTRICT, RegionLevel.KREIS]
    ).defer("geometry")


def _formfield(field, **kwargs):
    """Model field → form field; web addresses without a scheme get ``https://``."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class InitiativeForm(forms.ModelForm):
    """An initiative's profile; ``admin=True`` adds publication and managers."""

    class Meta:
        model = Initiative
        formfield_callback = _formfield
        fields = [
            "name",
            "description",
            "technology_fields",
            "industries",
            "regions",
            "founding_year",
            "legal_form",
            "management_organisation",
            "management_staff_fte",
            "funding_sources",
            "website",
            "status",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "technology_fields": forms.CheckboxSelectMultiple,
            "funding_sources": forms.CheckboxSelectMultiple,
            "industries": forms.SelectMultiple(attrs={"size": 10}),
            "regions": forms.SelectMultiple(attrs={"size": 10}),
        }
        help_texts = {
            "regions": _(
                "The Kreise the initiative is active in; a Land or a district covers "
                "all its Kreise. Hold Ctrl to choose several."
            ),
            "industries": _("WZ 2008 sections or divisions. Hold Ctrl to choose several."),
            "management_organisation": _(
                "One of the member organisations: add the organisation as a member first."
            ),
        }

    def __init__(self, *args, admin: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regions"].queryset = _region_choices()
        _industry_choices(self.fields["industries"])
        organisations = Organisation.objects.none()
        if self.instance.pk:
            member_ids = Membership.objects.filter(initiative=self.instance).values(
                "organisation_id"
            )
            organisations = Organisation.objects.filter(pk__in=member_ids)
            if self.instance.management_organisation_id:
                organisations |= Organisation.objects.filter(
                    pk=self.instance.management_organisation_id
                )
        self.fields["management_organisation"].queryset = organisations.order_by("name")
        if admin:
            self.fields["published"] = forms.BooleanField(
                label=_("Published"), required=False, initial=self.instance.published
            )
            self.fields["managers"] = forms.ModelMultipleChoiceField(
                label=_("Cluster managers"),
                queryset=get_user_model()
                .objects.filter(is_active=True, role__in=[Role.MANAGER, Role.STATE_ADMIN])
                .order_by("email"),
                required=False,
                widget=forms.SelectMultiple(attrs={"size": 6}),
                initial=list(self.instance.managers.all()) if self.instance.pk else [],
            )

    def clean_founding_year(self):
        year = self.cleaned_data.get("founding_year")
        if year is not None and not 1900 <= year <= timezone.now().year + 1:
            raise forms.ValidationError(
                _("Enter a year between 1900 and %(year)s."),
                params={"year": timezone.now().year + 1},
            )
        return year

    def save_admin_fields(self, instance: Initiative) -> None:
        """Apply the administrator's fields (publication, managers) after saving."""
        if "published" in self.cleaned_data:
            instance.published = self.cleaned_data["published"]
        if "managers" in self.cleaned_data:
            instance.managers.set(self.cleaned_data["managers"])


class OrganisationForm(forms.ModelForm):
    """An organisation's profile; ``admin=True`` adds publication and representatives."""

    class Meta:
        model = Organisation
        formfield_callback = _formfield
        fields = [
            "name",
            "type",
            "description",
            "industries",
            "region",
            "city",
            "postcode",
            "street",
            "latitude",
            "longitude",
            "website",
            "employees",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "industries": forms.SelectMultiple(attrs={"size": 10}),
        }
        help_texts = {
            "industries": _("WZ 2008 sections or divisions. Hold Ctrl to choose several."),
            "latitude": _("Decimal degrees (WGS84), e.g. 48.7784."),
            "longitude": _("Decimal degrees (WGS84), e.g. 9.1800."),
        }

    def __init__(self, *args, admin: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(level=RegionLevel.KREIS).defer(
            "geometry"
        )
        _industry_choices(self.fields["industries"])
        if admin:
            self.fields["published"] = forms.BooleanField(
                label=_("Published"), required=False, initial=self.instance.published
            )
            self.fields["representatives"] = forms.ModelMultipleChoiceField(
                label=_("Representatives"),
                queryset=get_user_model().objects.filter(is_active=True).order_by("email"),
                required=False,
                widget=forms.SelectMultiple(attrs={"size": 6}),
                initial=list(self.instance.representatives.all()) if self.instance.pk else [],
            )

    def clean(self):
        data = super().clean()
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if (latitude is None) != (longitude is None):
            raise forms.ValidationError(_("Enter both latitude and longitude, or neither."))
        if latitude is not None and not -90 <= latitude <= 90:
            self.add_error("latitude", _("A latitude lies between -90 and 90 degrees."))
        if longitude is not None and not -180 <= longitude <= 180:
            self.add_error("longitude", _("A longitude lies between -180 and 180 degrees."))
        return data

    def save_admin_fields(self, instance: Organisation) -> None:
        """Apply the administrator's fields (publication, representatives) after saving."""
        if "published" in self.cleaned_data:
            instance.published = self.cleaned_data["published"]
        if "representatives" in self.cleaned_data:
            instance.representatives.set(self.cleaned_data["representatives"])


class MembershipForm(forms.ModelForm):
    """Add a member organisation (chosen by its address name) or edit a membership."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        widget=forms.TextInput(
            attrs={"list": "organisation-choices", "autocomplete": "off", "class": "org-picker"}
        ),
        help_text=_("Type part of the name and choose from the suggestions."),
        error_messages={"invalid_choice": _("No organisation with this address name.")},
    )

    class Meta:
        model = Membership
        fields = ["organisation", "role", "since", "until"]
        widgets = {"since": _DATE, "until": _DATE}

    def __init__(self, *args, initiative: Initiative, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.initiative = initiative
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
        if self.instance.pk:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].widget.attrs.update(
                {
                    "hx-get": reverse("directory:organisation_choices"),
                    "hx-trigger": "input changed delay:300ms",
                    "hx-target": "#organisation-choices",
                }
            )


class MembershipEndForm(forms.Form):
    """End a membership on a date (default today)."""

    until = forms.DateField(label=_("Member until"), widget=_DATE)


class ContactPersonForm(forms.ModelForm):
    """A contact person; new ones need the recorded consent."""

    consent = forms.BooleanField(
        label=_("The person has given the consent below."),
        required=False,
    )

    class Meta:
        model = ContactPerson
        fields = ["name", "function", "email", "phone", "public", "consent_text"]
        widgets = {"consent_text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.consent_text:
            self.initial.setdefault("consent_text", str(CONSENT_WORDING))
        if self.instance.consent_given_at:
            self.fields["consent"].label = _("The person has given the consent again (renew).")

    def clean(self):
        data = super().clean()
        if not self.instance.consent_given_at and not data.get("consent"):
            self.add_error(
                "consent",
                _("Contact persons are stored only with their consent: confirm it."),
            )
        if data.get("consent") and not (data.get("consent_text") or "").strip():
            self.add_error("consent_text", _("Record the wording the person agreed to."))
        return data

    def save_with_consent(self, *, recorded_by, **owner) -> ContactPerson:
        """Save, recording consent (time, wording, who) when it was confirmed now."""
        contact = self.save(commit=False)
        for name, value in owner.items():
            setattr(contact, name, value)
        if self.cleaned_data.get("consent"):
            contact.consent_given_at = timezone.now()
            contact.consent_recorded_by = recorded_by
        contact.save()
        return contact


class ImportForm(forms.Form):
    """Upload a CSV or XLSX file of organisations, initiatives or memberships."""

    kind = forms.ChoiceField(
        label=_("Records"),
        choices=[
            ("organisations", _("Organisations")),
            ("initiatives", _("Cluster initiatives")),
            ("memberships", _("Memberships")),
        ],
    )
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("At most 5 MB. The first row holds the column names."),
    )
