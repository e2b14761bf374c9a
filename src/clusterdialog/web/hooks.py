"""How the apps contribute to each other without importing each other.

An app offers a piece (start-page panels, profile sections, an API router, demo
content) by defining a module of an agreed name — ``start``, ``profile``,
``api``, ``demo`` — in its package.  :func:`app_modules` finds those modules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import import_module
from types import ModuleType

__all__ = ["APPS", "app_modules"]

#: The platform's apps, in the order their contributions are collected.
APPS = ("directory", "dialogue", "monitoring", "networks", "analytics")


def app_modules(name: str, apps: Iterable[str] = APPS) -> Iterator[tuple[str, ModuleType]]:
    """``(app, module)`` for every app that has a module ``clusterdialog.web.<app>.<name>``.

    Apps without such a module are skipped; an import error inside an existing
    module is raised, not hidden.
    """
    for app in apps:
        dotted = f"clusterdialog.web.{app}.{name}"
        try:
            module = import_module(dotted)
        except ModuleNotFoundError as exc:
            if exc.name != dotted:
                raise
            continue
        yield app, module
