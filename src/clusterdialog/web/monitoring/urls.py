from django.urls import path

from clusterdialog.web.monitoring import views

app_name = "monitoring"
urlpatterns = [path("", views.index, name="index")]
