"""URLs of the dialogue app, mounted under ``dialog/``."""

from django.urls import path, re_path

from clusterdialog.web.dialogue.views import consultations, events, index, knowledge

app_name = "dialogue"
urlpatterns = [
    path("", index, name="index"),
    # events
    path("veranstaltungen/", events.event_list, name="event_list"),
    path("veranstaltungen/neu/", events.event_create, name="event_create"),
    path("veranstaltungen/<int:pk>/", events.event_detail, name="event_detail"),
    path("veranstaltungen/<int:pk>/bearbeiten/", events.event_edit, name="event_edit"),
    path("veranstaltungen/<int:pk>/loeschen/", events.event_delete, name="event_delete"),
    path("veranstaltungen/<int:pk>/anmeldung/", events.event_register, name="event_register"),
    path(
        "veranstaltungen/<int:pk>/anmeldung/stornieren/",
        events.event_cancel,
        name="event_cancel",
    ),
    path(
        "veranstaltungen/<int:pk>/teilnehmende/",
        events.event_registrations,
        name="event_registrations",
    ),
    re_path(
        r"^veranstaltungen/(?P<pk>[0-9]+)/teilnehmende\.(?P<fmt>csv|xlsx)$",
        events.event_registrations_export,
        name="event_registrations_export",
    ),
    path("veranstaltungen/<int:pk>/protokoll/", events.event_records, name="event_records"),
    path(
        "veranstaltungen/<int:pk>/dokumente/<int:document>/",
        events.event_document,
        name="event_document",
    ),
    path(
        "veranstaltungen/<int:pk>/dokumente/<int:document>/loeschen/",
        events.event_document_delete,
        name="event_document_delete",
    ),
    path(
        "veranstaltungen/<int:pk>/einladungen/",
        events.event_invitations,
        name="event_invitations",
    ),
    path("veranstaltungen/<int:pk>/kalender.ics", events.event_ical, name="event_ical"),
    path("einladungen/<int:pk>/antwort/", events.invitation_respond, name="invitation_respond"),
    # knowledge exchange
    path("austausch/", knowledge.post_list, name="post_list"),
    path("austausch/neu/", knowledge.post_create, name="post_create"),
    path("austausch/<int:pk>/", knowledge.post_detail, name="post_detail"),
    path("austausch/<int:pk>/bearbeiten/", knowledge.post_edit, name="post_edit"),
    path("austausch/<int:pk>/ausblenden/", knowledge.post_hide, name="post_hide"),
    path("austausch/<int:pk>/kommentieren/", knowledge.comment_create, name="comment_create"),
    path("austausch/<int:pk>/anhaenge/", knowledge.attachment_upload, name="attachment_upload"),
    path(
        "austausch/<int:pk>/anhaenge/<int:attachment>/",
        knowledge.attachment_download,
        name="attachment_download",
    ),
    path("kommentare/<int:pk>/bearbeiten/", knowledge.comment_edit, name="comment_edit"),
    path("kommentare/<int:pk>/ausblenden/", knowledge.comment_hide, name="comment_hide"),
    path("kommentare/<int:pk>/hilfreich/", knowledge.comment_helpful, name="comment_helpful"),
    # consultations
    path("konsultationen/", consultations.consultation_list, name="consultation_list"),
    path("konsultationen/neu/", consultations.consultation_create, name="consultation_create"),
    path(
        "konsultationen/<int:pk>/",
        consultations.consultation_detail,
        name="consultation_detail",
    ),
    path(
        "konsultationen/<int:pk>/bearbeiten/",
        consultations.consultation_edit,
        name="consultation_edit",
    ),
    path(
        "konsultationen/<int:pk>/ergebnis/",
        consultations.consultation_result,
        name="consultation_result",
    ),
    re_path(
        r"^konsultationen/(?P<pk>[0-9]+)/ergebnis\.(?P<fmt>csv|xlsx)$",
        consultations.consultation_export,
        name="consultation_export",
    ),
]
