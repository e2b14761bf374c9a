"""``python -m clusterdialog.web seed_demo``: load the demo content once, renew the accounts."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clusterdialog.errors import ClusterDialogError


class Command(BaseCommand):
    help = (
        "Load the demo content (regions, initiatives, organisations, memberships and the apps' "
        "demo records) unless it is there already, and create the five demo accounts. "
        "Needs CLUSTERDIALOG_DEMO=1 (the demo password is weak)."
    )

    def handle(self, *args, **options) -> None:
        from clusterdialog.web.seeding.demo import load_demo

        if not settings.DEMO:
            raise CommandError(
                "seed_demo needs a demo installation: set CLUSTERDIALOG_DEMO=1 "
                "(the demo accounts have the password 'demo')"
            )
        try:
            result = load_demo(progress=lambda step: self.stdout.write(f"… {step}"))
        except ClusterDialogError as exc:
            raise CommandError(str(exc)) from None
        state = "loaded" if result.created else "already there, accounts renewed"
        counts = ", ".join(f"{key} {value}" for key, value in result.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo content {state}: {counts}"))
        if result.apps:
            self.stdout.write(f"App demo loaders run: {', '.join(result.apps)}")
