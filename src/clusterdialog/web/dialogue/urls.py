from django.urls import path

from clusterdialog.web.dialogue import views

app_name = "dialogue"
urlpatterns = [path("", views.index, name="index")]
