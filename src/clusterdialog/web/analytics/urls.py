from django.urls import path

from clusterdialog.web.analytics import views

app_name = "analytics"
urlpatterns = [
    path("", views.index, name="index"),
    path("datensaetze/neu/", views.dataset_upload, name="dataset_upload"),
    path("datensaetze/demo/", views.dataset_demo, name="dataset_demo"),
    path("datensaetze/<int:pk>/", views.dataset_detail, name="dataset_detail"),
    path("datensaetze/<int:pk>/umschalten/", views.dataset_toggle, name="dataset_toggle"),
    path("beobachtung/<slug:slug>/", views.observation, name="observation"),
]
