"""Models of the dialogue app: events, knowledge exchange, consultations.

Events are the regular Cluster-Dialog meetings organised by the ministry and the
events of the initiatives (organised by their managers): an ordered agenda,
place or online address, capacity, registrations with a waiting list,
attendance, minutes and documents, invitations.  The knowledge exchange holds
posts (best practice, question, document) with comments, topic tags and
attachments.  Consultations put a question to a group of participants, who
answer once with a statement and a prioritisation of given topics.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from clusterdialog.web.dialogue.uploads import document_upload_path
from clusterdialog.web.directory.models import Initiative, Organisation

__all__ = [
    "EventKind",
    "Event",
    "AgendaItem",
    "RegistrationStatus",
    "Registration",
    "InvitationResponse",
    "Invitation",
    "EventDocument",
    "Tag",
    "PostKind",
    "Post",
    "Comment",
    "PostAttachment",
    "Audience",
    "Method",
    "Consultation",
    "ConsultationOption",
    "Submission",
    "Answer",
]


class EventKind(models.TextChoices):
    CLUSTER_DIALOG = "cluster_dialog", _("Cluster-Dialog meeting")
    INITIATIVE = "initiative", _("Initiative event")
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR = "webinar", _("Webinar")


class Event(models.Model):
    """A meeting or event with agenda, place or online address, capacity and registration."""

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=20, choices=EventKind.choices, default=EventKind.INITIATIVE
    )
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
    )
    description = models.TextField(_("description"), blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online address"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Empty: registration is open until the event starts."),
    )
    published = models.BooleanField(_("published"), default=False)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_updated = models.DateTimeField(_("minutes updated"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start", "id"]
        indexes = [
            models.Index(fields=["published", "start"]),
            models.Index(fields=["kind", "start"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="event_end_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1),
                name="event_capacity_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end must not be before the start.")
        if self.registration_deadline and self.end and self.registration_deadline > self.end:
            errors["registration_deadline"] = _(
                "The registration deadline must not be after the end of the event."
            )
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = _("The capacity must be at least 1 (or empty for no limit).")
        if errors:
            raise ValidationError(errors)

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def registration_closes(self):
        """The moment registration closes: the deadline, or the start."""
        return self.registration_deadline or self.start

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.published and now < self.registration_closes


class AgendaItem(models.Model):
    """One item of an event's agenda, ordered by position."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    time = models.TimeField(_("time"), null=True, blank=True)
    title = models.CharField(_("item"), max_length=300)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("Waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """A person's registration for an event: confirmed, on the waiting list, or cancelled.

    The waiting list is ordered by ``registered_at`` (then id); a renewed
    registration after a cancellation joins at the end.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    status_changed = models.DateTimeField(_("status changed"), default=timezone.now)
    attended = models.BooleanField(_("attended"), default=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["registered_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="registration_once_per_event")
        ]
        indexes = [models.Index(fields=["event", "status", "registered_at"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.event}"


class InvitationResponse(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Invitation(models.Model):
    """An invitation of a person or of an initiative (its managers) to an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_invitations",
    )
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("message"), blank=True)
    response = models.CharField(
        _("response"),
        max_length=20,
        choices=InvitationResponse.choices,
        default=InvitationResponse.OPEN,
    )
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(user__isnull=False) & models.Q(initiative__isnull=True))
                | (models.Q(user__isnull=True) & models.Q(initiative__isnull=False)),
                name="invitation_person_or_initiative",
            ),
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=models.Q(user__isnull=False),
                name="invitation_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["event", "initiative"],
                condition=models.Q(initiative__isnull=False),
                name="invitation_once_per_initiative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user or self.initiative} – {self.event}"


class UploadedDocument(models.Model):
    """Abstract base of uploaded files: the original name, type and size are kept."""

    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=document_upload_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    extension = models.CharField(_("type"), max_length=10)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title


class EventDocument(UploadedDocument):
    """A document of an event (presentation, list of results …)."""

    upload_folder = "events"
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")

    class Meta:
        verbose_name = _("event document")
        verbose_name_plural = _("event documents")
        ordering = ["uploaded_at", "id"]


class Tag(models.Model):
    """A cluster-management topic posts are tagged with."""

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name_de"]

    @property
    def name(self) -> str:
        if (get_language() or "de").startswith("en") and self.name_en:
            return self.name_en
        return self.name_de

    def __str__(self) -> str:
        return self.name


class PostKind(models.TextChoices):
    BEST_PRACTICE = "best_practice", _("Best practice")
    QUESTION = "question", _("Question")
    DOCUMENT = "document", _("Document")


class Post(models.Model):
    """A contribution to the knowledge exchange."""

    kind = models.CharField(_("kind"), max_length=20, choices=PostKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("topics"), blank=True, related_name="posts")
    hidden = models.BooleanField(_("hidden by the moderation"), default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)
    created = models.DateTimeField(_("created"), default=timezone.now)
    edited = models.DateTimeField(_("edited by the author"), null=True, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["hidden", "created"])]

    def __str__(self) -> str:
        return self.title


class Comment(models.Model):
    """A comment on a post; on questions, the asker may mark answers as helpful."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="post_comments",
    )
    body = models.TextField(_("comment"))
    helpful = models.BooleanField(_("marked helpful"), default=False)
    hidden = models.BooleanField(_("hidden by the moderation"), default=False)
    created = models.DateTimeField(_("created"), default=timezone.now)
    edited = models.DateTimeField(_("edited by the author"), null=True, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created", "id"]

    def __str__(self) -> str:
        return f"{self.author} – {self.post}"


class PostAttachment(UploadedDocument):
    """A file attached to a post."""

    upload_folder = "posts"
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]


class Audience(models.TextChoices):
    ALL = "all", _("All signed-in users")
    EVENT = "event", _("Participants of an event")
    INITIATIVE = "initiative", _("Members of an initiative")


class Method(models.TextChoices):
    NONE = "none", _("Statements only")
    CHOICE = "choice", _("Choose topics")
    RANK = "rank", _("Rank topics")
    POINTS = "points", _("Allocate points")


class Consultation(models.Model):
    """A question put to a group of participants, open between two dates."""

    title = models.CharField(_("title"), max_length=255)
    question = models.TextField(_("question"))
    description = models.TextField(_("background"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    audience = models.CharField(
        _("participants"), max_length=20, choices=Audience.choices, default=Audience.ALL
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    method = models.CharField(
        _("prioritisation"), max_length=20, choices=Method.choices, default=Method.POINTS
    )
    points_budget = models.PositiveSmallIntegerField(_("points to allocate"), default=10)
    allow_statements = models.BooleanField(_("participants may write a statement"), default=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    is_demo = models.BooleanField(_("demo record"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-closes_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="consultation_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=~models.Q(audience="event") | models.Q(event__isnull=False),
                name="consultation_event_audience_has_event",
            ),
            models.CheckConstraint(
                condition=~models.Q(audience="initiative") | models.Q(initiative__isnull=False),
                name="consultation_initiative_audience_has_initiative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def is_closed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at


class ConsultationOption(models.Model):
    """A topic participants choose, rank or give points to."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.CharField(_("topic"), max_length=300)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


class Submission(models.Model):
    """A participant's one answer to a consultation."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="submissions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="submissions"
    )
    statement = models.TextField(_("statement"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "user"], name="submission_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.consultation}"


class Answer(models.Model):
    """One value of a submission for one topic: 1 (chosen), the rank, or the points."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(ConsultationOption, on_delete=models.CASCADE, related_name="answers")
    value = models.PositiveSmallIntegerField(_("value"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["submission", "option"], name="answer_once_per_topic")
        ]

    def __str__(self) -> str:
        return f"{self.option}: {self.value}"


@receiver(post_delete, sender=EventDocument)
@receiver(post_delete, sender=PostAttachment)
def _delete_stored_file(sender, instance: UploadedDocument, **kwargs) -> None:
    """Remove the stored file once the record is gone (also when its event or post is
    deleted)."""
    if instance.file and instance.file.name:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))
