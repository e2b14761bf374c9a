"""URL configuration: one prefix per app, the API under ``/api/``."""

from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

from clusterdialog.web import views
from clusterdialog.web.api import mount_routers

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("konto/", include("clusterdialog.web.accounts.urls")),
    path("verzeichnis/", include("clusterdialog.web.directory.urls")),
    path("dialog/", include("clusterdialog.web.dialogue.urls")),
    path("monitoring/", include("clusterdialog.web.monitoring.urls")),
    path("netzwerke/", include("clusterdialog.web.networks.urls")),
    path("analysen/", include("clusterdialog.web.analytics.urls")),
    path("api/", mount_routers().urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
