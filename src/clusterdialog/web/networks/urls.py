from django.urls import path

from clusterdialog.web.networks import views

app_name = "networks"
urlpatterns = [path("", views.index, name="index")]
