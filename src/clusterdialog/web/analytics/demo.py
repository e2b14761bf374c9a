"""Demo content of the analytics app: the shipped GENESIS Kreis × WZ panel 2015–2020.

The observation runs of the demo manager's initiatives are computed right away; the
others are computed when their pages are first shown and then kept.
"""

from __future__ import annotations

import random

from django.contrib.auth import get_user_model

from clusterdialog.web.analytics import services

__all__ = ["load"]


def load(rng: random.Random) -> None:
    """Load the demo dataset (once) and precompute the demo manager's observations."""
    admin = get_user_model().objects.filter(email="ministry@demo.local").first()
    dataset = services.load_demo_dataset(admin)
    manager = get_user_model().objects.filter(email="manager@demo.local").first()
    if manager is not None:
        for initiative in manager.managed_initiatives.all():
            services.observation(initiative, dataset)
