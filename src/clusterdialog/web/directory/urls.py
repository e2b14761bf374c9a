"""URLs of the directory (mounted under ``verzeichnis/``)."""

from django.urls import path

from clusterdialog.web.directory import contact_views, edit_views, transfer_views, views

app_name = "directory"
urlpatterns = [
    # public pages
    path("initiativen/", views.initiative_list, name="initiative_list"),
    path("organisationen/", views.organisation_list, name="organisation_list"),
    path("atlas/", views.atlas, name="atlas"),
    path("atlas/daten.json", views.atlas_data, name="atlas_data"),
    # initiatives
    path("initiativen/neu/", edit_views.initiative_create, name="initiative_create"),
    path("initiativen/<slug:slug>/", views.initiative_detail, name="initiative_detail"),
    path("initiativen/<slug:slug>/bearbeiten/", edit_views.initiative_edit, name="initiative_edit"),
    path(
        "initiativen/<slug:slug>/veroeffentlichen/",
        edit_views.initiative_publish,
        name="initiative_publish",
    ),
    path(
        "initiativen/<slug:slug>/loeschen/", edit_views.initiative_delete, name="initiative_delete"
    ),
    path(
        "initiativen/<slug:slug>/verlauf/", edit_views.initiative_history, name="initiative_history"
    ),
    path("initiativen/<slug:slug>/mitglieder/", edit_views.memberships, name="memberships"),
    path(
        "initiativen/<slug:slug>/kontakte/",
        contact_views.initiative_contacts,
        name="initiative_contacts",
    ),
    # organisations
    path("organisationen/neu/", edit_views.organisation_create, name="organisation_create"),
    path("organisationen/auswahl/", views.organisation_choices, name="organisation_choices"),
    path("organisationen/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path(
        "organisationen/<slug:slug>/bearbeiten/",
        edit_views.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisationen/<slug:slug>/veroeffentlichen/",
        edit_views.organisation_publish,
        name="organisation_publish",
    ),
    path(
        "organisationen/<slug:slug>/loeschen/",
        edit_views.organisation_delete,
        name="organisation_delete",
    ),
    path(
        "organisationen/<slug:slug>/verlauf/",
        edit_views.organisation_history,
        name="organisation_history",
    ),
    path(
        "organisationen/<slug:slug>/kontakte/",
        contact_views.organisation_contacts,
        name="organisation_contacts",
    ),
    # memberships
    path(
        "mitgliedschaften/<int:pk>/bearbeiten/",
        edit_views.membership_edit,
        name="membership_edit",
    ),
    path("mitgliedschaften/<int:pk>/beenden/", edit_views.membership_end, name="membership_end"),
    path(
        "mitgliedschaften/<int:pk>/entfernen/",
        edit_views.membership_delete,
        name="membership_delete",
    ),
    # contact persons
    path("kontakte/<int:pk>/bearbeiten/", contact_views.contact_edit, name="contact_edit"),
    path("kontakte/<int:pk>/export.json", contact_views.contact_export, name="contact_export"),
    path("kontakte/<int:pk>/loeschen/", contact_views.contact_delete, name="contact_delete"),
    # import and export
    path("export/<str:kind>.<str:fmt>", transfer_views.export_records, name="export"),
    path("import/", transfer_views.import_records, name="import"),
    path("import/bericht.csv", transfer_views.import_report, name="import_report"),
]
