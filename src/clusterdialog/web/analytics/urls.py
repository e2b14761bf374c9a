from django.urls import path

from clusterdialog.web.analytics import views

app_name = "analytics"
urlpatterns = [path("", views.index, name="index")]
