"""The Cluster-Dialog platform: a Django project inside the package.

The project is configured from the environment (see :mod:`clusterdialog.web.settings`
and ``docs/settings.md``); its apps live in the subpackages ``accounts``,
``directory``, ``dialogue``, ``monitoring``, ``networks`` and ``analytics``.
Views and API endpoints call the pure library and the apps' ``services``
modules; they hold no formulas.
"""

from __future__ import annotations

import os

__all__ = ["setup"]

SETTINGS_MODULE = "clusterdialog.web.settings"


def setup() -> None:
    """Configure Django for the platform (idempotent) and load the apps."""
    import django
    from django.apps import apps

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    if not apps.ready:
        django.setup()
