"""The cluster-management topics the knowledge exchange is tagged with (seed data).

Plain data, imported by the initial migration and by :func:`ensure_topic_tags`-style
helpers; changing the list needs a data migration.
"""

from __future__ import annotations

__all__ = ["TOPIC_TAGS"]

#: ``(slug, German name, English name)`` of the seeded topic tags.
TOPIC_TAGS: tuple[tuple[str, str, str], ...] = (
    ("mitgliedergewinnung", "Mitgliedergewinnung", "Member recruitment"),
    ("finanzierung", "Finanzierung", "Financing"),
    ("internationalisierung", "Internationalisierung", "Internationalisation"),
    ("foerderprogramme", "Förderprogramme", "Funding programmes"),
    ("veranstaltungsformate", "Veranstaltungsformate", "Event formats"),
    ("kommunikation", "Kommunikation", "Communication"),
    ("wissenstransfer", "Wissenstransfer", "Knowledge transfer"),
    ("innovationsprojekte", "Innovationsprojekte", "Innovation projects"),
    ("fachkraefte", "Fachkräfte", "Skilled workers"),
    ("digitalisierung", "Digitalisierung", "Digitalisation"),
    ("nachhaltigkeit", "Nachhaltigkeit", "Sustainability"),
    (
        "clustermanagement-exzellenz",
        "Clustermanagement-Exzellenz",
        "Cluster management excellence",
    ),
)
