"""``python -m clusterdialog.web seed_scale``: bulk synthetic records for load tests."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from clusterdialog.errors import ClusterDialogError
from clusterdialog.web.seeding.scale import FULL_SIZE


class Command(BaseCommand):
    help = (
        "Add synthetic initiatives, organisations, memberships and events in bulk "
        "(default 1,000 / 50,000 / 200,000 / 5,000) for query-count checks and benchmarks. "
        "Deterministic for a given --seed; needs a database without scale records."
    )

    def add_arguments(self, parser) -> None:
        for kind, default in FULL_SIZE.items():
            parser.add_argument(
                f"--{kind}", type=int, default=default, help=f"number of {kind} ({default})"
            )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="multiply every count by this factor, e.g. 0.01 for a quick run",
        )
        parser.add_argument("--seed", type=int, default=2026, help="random seed (2026)")
        parser.add_argument("--batch-size", type=int, default=2000, help="rows per INSERT")

    def handle(self, *args, **options) -> None:
        from clusterdialog.web.seeding.scale import seed_scale

        scale = options["scale"]
        if not scale > 0:
            raise CommandError(f"--scale must be greater than 0, got {scale}")
        counts = {kind: round(options[kind] * scale) for kind in FULL_SIZE}
        try:
            result = seed_scale(
                **counts,
                seed=options["seed"],
                batch_size=options["batch_size"],
                progress=lambda kind, n: self.stdout.write(f"… {n:,} {kind}"),
            )
        except ClusterDialogError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {result['initiatives']:,} initiatives, {result['organisations']:,} "
                f"organisations, {result['memberships']:,} memberships, {result['events']:,} "
                f"events in {result['seconds']:.1f} s"
            )
        )
