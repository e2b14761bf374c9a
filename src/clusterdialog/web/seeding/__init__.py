"""Records for a demo installation and for load tests (not an app: no models, no urls).

- :mod:`~clusterdialog.web.seeding.accounts`: the five demo accounts, one per role;
- :mod:`~clusterdialog.web.seeding.demo`: the demo content of the platform — real
  Baden-Württemberg regions, invented initiatives, organisations, memberships and
  contact persons, then every app's own ``demo.load(rng)``;
- :mod:`~clusterdialog.web.seeding.scale`: bulk records at the scale of a large state
  (1,000 initiatives, 50,000 organisations, 200,000 memberships, 5,000 events) for
  query-count checks and the load benchmark.

The management commands ``seed_demo`` and ``seed_scale`` and the command line
(``clusterdialog demo``) call these modules.
"""
