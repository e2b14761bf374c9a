from django.urls import path

from clusterdialog.web.directory import views

app_name = "directory"
urlpatterns = [
    path("initiativen/", views.initiative_list, name="initiative_list"),
    path("atlas/", views.atlas, name="atlas"),
]
