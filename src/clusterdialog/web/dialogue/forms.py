"""Forms of the dialogue app (German labels through gettext)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from clusterdialog.web.dialogue.models import (
    AgendaItem,
    Audience,
    Comment,
    Consultation,
    ConsultationOption,
    Event,
    EventKind,
    Method,
    Post,
    PostKind,
    Tag,
)
from clusterdialog.web.dialogue.uploads import ALLOWED_EXTENSIONS, check_document
from clusterdialog.web.directory.models import Initiative

__all__ = [
    "EventForm",
    "AgendaFormSet",
    "RegistrationForm",
    "AttendanceForm",
    "MinutesForm",
    "DocumentForm",
    "InvitationForm",
    "CalendarFilterForm",
    "PostForm",
    "PostFilterForm",
    "CommentForm",
    "AttachmentForm",
    "ConsultationForm",
    "OptionFormSet",
    "SubmissionForm",
]

_ACCEPT = ",".join(f".{e}" for e in ALLOWED_EXTENSIONS)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventForm(forms.ModelForm):
    """Create or change an event; the choice of kind and initiative depends on the user."""

    online_url = forms.URLField(
        label=_("online address"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "initiative",
            "description",
            "start",
            "end",
            "place",
            "online_url",
            "capacity",
            "registration_deadline",
            "published",
        ]
        widgets = {
            "start": DateTimeLocalInput(),
            "end": DateTimeLocalInput(),
            "registration_deadline": DateTimeLocalInput(),
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name in ("start", "end", "registration_deadline"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        if user.has_perm("dialogue.organise_cluster_dialog"):
            self.fields["initiative"].queryset = Initiative.objects.order_by("name")
        else:
            self.fields["kind"].choices = [
                choice for choice in EventKind.choices if choice[0] != EventKind.CLUSTER_DIALOG
            ]
            self.fields["initiative"].queryset = Initiative.objects.filter(managers=user).order_by(
                "name"
            )
            self.fields["initiative"].required = True
            self.fields["initiative"].empty_label = None

    def clean(self):
        data = super().clean()
        if data.get("kind") == EventKind.CLUSTER_DIALOG and not self.user.has_perm(
            "dialogue.organise_cluster_dialog"
        ):
            self.add_error("kind", _("Only the ministry organises Cluster-Dialog meetings."))
        return data


AgendaFormSet = inlineformset_factory(
    Event,
    AgendaItem,
    fields=["time", "title"],
    extra=3,
    can_delete=True,
    widgets={"time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")},
)


class RegistrationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Registering for the organisation"),
        queryset=None,
        required=False,
        empty_label=_("(in person, no organisation)"),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class AttendanceForm(forms.Form):
    attended = forms.TypedMultipleChoiceField(
        label=_("Attended"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(r.pk, str(r.user)) for r in registrations]


class MinutesForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["minutes"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 16})}


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    file = forms.FileField(
        label=_("File (PDF, DOCX, XLSX, PPTX or ODT, at most 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": _ACCEPT}),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            check_document(upload)
        return upload


class InvitationForm(forms.Form):
    initiatives = forms.ModelMultipleChoiceField(
        label=_("Initiatives (their managers are invited)"),
        queryset=Initiative.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    users = forms.ModelMultipleChoiceField(
        label=_("People"),
        queryset=get_user_model().objects.filter(is_active=True).order_by("full_name", "email"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    message = forms.CharField(
        label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean(self):
        data = super().clean()
        if not data.get("initiatives") and not data.get("users"):
            raise forms.ValidationError(_("Choose at least one initiative or person."))
        return data


class CalendarFilterForm(forms.Form):
    zeitraum = forms.ChoiceField(
        label=_("Period"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
        required=False,
    )
    art = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *EventKind.choices], required=False
    )
    initiative = forms.CharField(label=_("Initiative"), required=False, widget=forms.HiddenInput)


class PostForm(forms.ModelForm):
    tags = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Tag.objects.order_by("name_de"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Post
        fields = ["kind", "title", "body", "tags"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "body": _(
                "Plain text. Blank line: new paragraph; “- ” at the start of a line: list; "
                "**bold**, *italic*; web addresses become links."
            )
        }


class PostFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    thema = forms.ChoiceField(label=_("Topic"), required=False)
    art = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *PostKind.choices], required=False
    )

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thema"].choices = [("", _("All topics"))] + [(t.slug, t.name) for t in tags]


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}


class AttachmentForm(DocumentForm):
    pass


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = [
            "title",
            "question",
            "description",
            "audience",
            "event",
            "initiative",
            "method",
            "points_budget",
            "allow_statements",
            "opens_at",
            "closes_at",
        ]
        widgets = {
            "opens_at": DateTimeLocalInput(),
            "closes_at": DateTimeLocalInput(),
            "question": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, user, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name in ("opens_at", "closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["event"].queryset = events
        self.fields["event"].help_text = _("Only when the participants of an event are consulted.")
        self.fields["initiative"].help_text = _(
            "Only when the members of an initiative are consulted."
        )
        if user.has_perm("dialogue.consult_everybody"):
            self.fields["initiative"].queryset = Initiative.objects.order_by("name")
        else:
            self.fields["audience"].choices = [c for c in Audience.choices if c[0] != Audience.ALL]
            self.fields["initiative"].queryset = Initiative.objects.filter(managers=user)

    def clean(self):
        data = super().clean()
        audience = data.get("audience")
        if audience == Audience.EVENT and not data.get("event"):
            self.add_error("event", _("Choose the event whose participants are consulted."))
        if audience == Audience.INITIATIVE and not data.get("initiative"):
            self.add_error("initiative", _("Choose the initiative whose members are consulted."))
        if audience == Audience.ALL and not self.user.has_perm("dialogue.consult_everybody"):
            self.add_error("audience", _("Only the ministry consults all users."))
        if audience != Audience.EVENT:
            data["event"] = None
        if audience != Audience.INITIATIVE:
            data["initiative"] = None
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The consultation must close after it opens."))
        if data.get("method") == Method.POINTS and not data.get("points_budget"):
            self.add_error("points_budget", _("Give the number of points to allocate."))
        return data


OptionFormSet = inlineformset_factory(
    Consultation, ConsultationOption, fields=["label"], extra=4, can_delete=True
)


class SubmissionForm(forms.Form):
    """A participant's answer: one field per topic (tick, rank or points) and a statement."""

    def __init__(self, *args, consultation: Consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        options = list(consultation.options.all())
        self.option_fields = []
        for option in options:
            name = f"option_{option.pk}"
            if consultation.method == Method.CHOICE:
                field = forms.BooleanField(label=option.label, required=False)
            elif consultation.method == Method.RANK:
                field = forms.IntegerField(
                    label=option.label, required=False, min_value=1, max_value=len(options)
                )
            elif consultation.method == Method.POINTS:
                field = forms.IntegerField(
                    label=option.label,
                    required=False,
                    min_value=0,
                    max_value=consultation.points_budget,
                    initial=0,
                )
            else:
                continue
            self.fields[name] = field
            self.option_fields.append((option, name))
        if consultation.allow_statements:
            self.fields["statement"] = forms.CharField(
                label=_("Your statement"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 6}),
            )

    def values(self) -> dict[int, int]:
        """Option id → 1 / rank / points from the cleaned data (zeros left out)."""
        values = {}
        for option, name in self.option_fields:
            raw = self.cleaned_data.get(name)
            value = int(bool(raw)) if self.consultation.method == Method.CHOICE else int(raw or 0)
            if value:
                values[option.pk] = value
        return values
