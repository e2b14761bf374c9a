"""Forms of the networks app: projects, participants, partner searches, introductions, import."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from clusterdialog.web.directory.models import Industry, Organisation, OrganisationType
from clusterdialog.web.networks.imports import FORMATS
from clusterdialog.web.networks.models import (
    ParticipationRole,
    PartnerSearch,
    Project,
    ProjectParticipation,
)

__all__ = [
    "ImportForm",
    "IntroductionForm",
    "IntroductionResponseForm",
    "PartnerSearchForm",
    "ParticipationForm",
    "ProjectForm",
]

MAX_UPLOAD = 10 * 1024 * 1024


class ProjectForm(forms.ModelForm):
    """A joint project; a representative names her organisation and its role."""

    organisation = forms.ModelChoiceField(
        Organisation.objects.none(),
        label=_("Your organisation"),
        required=False,
        help_text=_("It is added to the project as a participant."),
    )
    role = forms.ChoiceField(label=_("Its role"), choices=ParticipationRole.choices, required=False)

    class Meta:
        model = Project
        fields = [
            "title",
            "acronym",
            "description",
            "start",
            "end",
            "programme",
            "total_funding",
            "published",
        ]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None or self.instance.pk:
            del self.fields["organisation"]
            del self.fields["role"]
        else:
            self.fields["organisation"].queryset = organisations
            self.fields["organisation"].required = True
            self.fields["role"].required = True

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end lies before the start."))
        return data


class ParticipationForm(forms.ModelForm):
    """Add an organisation to a project."""

    class Meta:
        model = ProjectParticipation
        fields = ["organisation", "role", "contribution"]

    def __init__(self, *args, project=None, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        if organisations is not None:
            self.fields["organisation"].queryset = organisations

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        if self.project and self.project.participations.filter(organisation=organisation).exists():
            raise forms.ValidationError(_("This organisation already takes part."))
        return organisation


class PartnerSearchForm(forms.ModelForm):
    wanted_types = forms.MultipleChoiceField(
        label=_("Wanted types of organisation"),
        choices=OrganisationType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = PartnerSearch
        fields = [
            "organisation",
            "title",
            "text",
            "wanted_types",
            "wanted_industries",
            "technology_fields",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
        self.fields["wanted_industries"].queryset = Industry.objects.order_by("code")
        self.fields["wanted_industries"].required = False
        self.fields["technology_fields"].required = False


class IntroductionForm(forms.Form):
    requester_organisation = forms.ModelChoiceField(
        Organisation.objects.none(), label=_("On behalf of"), required=False
    )
    message = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_("Say who you are and why you would like to be introduced."),
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None and organisations.exists():
            self.fields["requester_organisation"].queryset = organisations
        else:
            del self.fields["requester_organisation"]


class IntroductionResponseForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Your answer"),
        choices=[("1", _("Accept")), ("0", _("Decline"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    response = forms.CharField(
        label=_("Message to the requester"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("CSV, CSV.GZ or XLSX, at most 10 MB."))
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            ("generic", _("Participation list (project, organisation, role …)")),
            ("cordis", _("CORDIS participations")),
        ],
    )
    country = forms.CharField(
        label=_("Country (CORDIS)"), required=False, initial="DE", max_length=2
    )
    postcodes = forms.CharField(
        label=_("Postcode prefixes"),
        required=False,
        help_text=_("Comma-separated, e.g. 7, 88, 89 for most of Baden-Württemberg."),
    )
    cities = forms.CharField(label=_("Cities"), required=False, help_text=_("Comma-separated."))
    dry_run = forms.BooleanField(label=_("Only check, do not import"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = min(MAX_UPLOAD, getattr(settings, "DATA_UPLOAD_MAX_MEMORY_SIZE", MAX_UPLOAD))
        if upload.size > limit:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        if not upload.name.lower().endswith((".csv", ".csv.gz", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Please upload a CSV, CSV.GZ or XLSX file."))
        head = upload.read(4)
        upload.seek(0)
        lower = upload.name.lower()
        if lower.endswith(".xlsx") and head != b"PK\x03\x04":
            raise forms.ValidationError(_("The file is not an XLSX workbook."))
        if lower.endswith(".gz") and head[:2] != b"\x1f\x8b":
            raise forms.ValidationError(_("The file is not gzip-compressed."))
        if lower.endswith((".csv", ".txt")) and b"\x00" in upload.read(4096):
            raise forms.ValidationError(_("The file is not a text file."))
        upload.seek(0)
        return upload

    def clean_format(self):
        value = self.cleaned_data["format"]
        if value not in FORMATS:
            raise forms.ValidationError(_("Unknown format."))
        return value

    @staticmethod
    def _split(text: str) -> list[str]:
        return [part.strip() for part in text.split(",") if part.strip()]

    def filters(self) -> dict:
        data = self.cleaned_data
        country = data["country"].strip().upper() or None
        return {
            "country": country if data["format"] == "cordis" else None,
            "postcodes": self._split(data["postcodes"]) or None,
            "cities": self._split(data["cities"]) or None,
        }
