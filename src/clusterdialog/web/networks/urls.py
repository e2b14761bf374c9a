from django.urls import path

from clusterdialog.web.networks import partner_views, project_views, views

app_name = "networks"
urlpatterns = [
    path("", views.index, name="index"),
    path("berechnen/", views.compute_platform, name="compute_platform"),
    path("initiativen/<slug:slug>/", views.initiative_network, name="initiative"),
    path("initiativen/<slug:slug>/daten.json", views.initiative_data, name="initiative_data"),
    path(
        "initiativen/<slug:slug>/kennzahlen.<str:fmt>",
        views.initiative_export,
        name="initiative_export",
    ),
    path("organisationen/<slug:slug>/", views.organisation_network, name="organisation"),
    path(
        "organisationen/<slug:slug>/daten.json",
        views.organisation_data,
        name="organisation_data",
    ),
    path("projekte/", project_views.project_list, name="project_list"),
    path("projekte/neu/", project_views.project_create, name="project_create"),
    path("projekte/<int:pk>/", project_views.project_detail, name="project_detail"),
    path("projekte/<int:pk>/bearbeiten/", project_views.project_edit, name="project_edit"),
    path("projekte/<int:pk>/loeschen/", project_views.project_delete, name="project_delete"),
    path(
        "projekte/<int:pk>/teilnehmer/",
        project_views.participant_add,
        name="participant_add",
    ),
    path(
        "projekte/<int:pk>/teilnehmer/<int:participation>/entfernen/",
        project_views.participant_remove,
        name="participant_remove",
    ),
    path("partnersuche/", partner_views.partnersearch_list, name="partnersearch_list"),
    path("partnersuche/neu/", partner_views.partnersearch_create, name="partnersearch_create"),
    path("partnersuche/<int:pk>/", partner_views.partnersearch_detail, name="partnersearch_detail"),
    path(
        "partnersuche/<int:pk>/schliessen/",
        partner_views.partnersearch_close,
        name="partnersearch_close",
    ),
    path("vorstellungen/", partner_views.introduction_list, name="introduction_list"),
    path(
        "vorstellungen/neu/<slug:slug>/",
        partner_views.introduction_create,
        name="introduction_create",
    ),
    path("vorstellungen/<int:pk>/", partner_views.introduction_detail, name="introduction_detail"),
    path(
        "benachrichtigungen/gelesen/",
        partner_views.notification_read,
        name="notifications_read",
    ),
    path(
        "benachrichtigungen/<int:pk>/gelesen/",
        partner_views.notification_read,
        name="notification_read",
    ),
    path("import/", views.import_page, name="import"),
    path("import/probleme.csv", views.import_problems, name="import_problems"),
]
