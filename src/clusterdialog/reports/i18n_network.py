"""Message catalogue of the network report (German default, English).

Both languages have the same keys (a test checks it).  Numbers are formatted
with :func:`clusterdialog.reports.i18n.format_number`, re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping

from clusterdialog.reports.i18n import LANGUAGES, catalogue, format_number, format_percent

__all__ = ["LANGUAGES", "MESSAGES", "format_number", "format_percent", "messages"]

MESSAGES: dict[str, dict[str, str]] = {
    "de": {
        "title": "Kooperationsnetzwerk der Organisationen",
        "subtitle": "{organisations} Organisationen in {projects} gemeinsamen Projekten",
        "filters": "Auswahl",
        "filter_country": "Organisationen aus {country}",
        "filter_year": "Projekte mit Beginn {year}",
        "filter_none": "alle Teilnahmen der Datei",
        "data_source": "Datenquelle",
        "summary": "Kennzahlen",
        "figure_nodes": "Organisationen (Knoten)",
        "figure_edges": "Kooperationsbeziehungen (Kanten)",
        "figure_density": "Dichte",
        "figure_components": "Zusammenhangskomponenten",
        "figure_largest": "Größte Komponente",
        "figure_isolates": "Organisationen ohne Partner im Netz",
        "figure_communities": "Gemeinschaften (Leiden)",
        "figure_modularity": "Modularität",
        "summary_text": (
            "Zwei Organisationen sind verbunden, wenn sie gemeinsam an mindestens einem Projekt "
            "teilnehmen; das Gewicht der Kante ist die Zahl der gemeinsamen Projekte. Die größte "
            "Komponente umfasst {share} der Organisationen."
        ),
        "drawing": "Das Netzwerk im Bild",
        "drawing_text": (
            "Die {shown} am stärksten vernetzten Organisationen der größten Komponente "
            "(von {total}); Kreisgröße nach Zahl der Partner, Farbe nach Organisationstyp, "
            "Linienstärke nach Zahl gemeinsamer Projekte. Anordnung: Federmodell "
            "(Fruchterman–Reingold) mit festem Startwert {seed}, daher bei jedem Lauf gleich."
        ),
        "drawing_empty": "Das Netz hat keine Kanten; es gibt nichts zu zeichnen.",
        "types": "Organisationstypen",
        "types_text": "Zahl der Organisationen je Typ und ihr Anteil an allen Knoten.",
        "col_type": "Typ",
        "col_count": "Anzahl",
        "col_share": "Anteil",
        "central": "Zentrale Organisationen",
        "central_text": (
            "Die {n} Organisationen mit der höchsten Zwischenzentralität (Betweenness): über sie "
            "laufen die meisten kürzesten Wege zwischen anderen; sie sind Makler im Netz. "
            "Geringer Constraint (Burt) heißt: Partner, die untereinander nicht verbunden sind."
        ),
        "col_organisation": "Organisation",
        "col_degree": "Partner",
        "col_strength": "Gemeinsame Projekte",
        "col_betweenness": "Betweenness",
        "col_eigenvector": "Eigenvektor",
        "col_constraint": "Constraint",
        "col_community": "Gemeinschaft",
        "communities": "Gemeinschaften",
        "communities_text": (
            "Gruppen von Organisationen, die untereinander dichter kooperieren als mit dem Rest "
            "(Leiden-Algorithmus, Modularität {modularity}). Die {n} größten:"
        ),
        "col_size": "Organisationen",
        "col_mix": "Typen",
        "methods": "Methoden",
        "methods_text": (
            "Einmodale Projektion des bipartiten Graphen Organisation × Projekt. Betweenness: "
            "{betweenness}. Eigenvektorzentralität auf dem gewichteten Netz; Burts Constraint "
            "nach Burt (1992); Gemeinschaften nach Traag, Waltman und van Eck (2019)."
        ),
        "betweenness_exact": "exakt (Brandes 2001)",
        "betweenness_sampled": (
            "geschätzt aus {samples} zufällig gewählten Startknoten (Startwert {seed}; "
            "Brandes und Pich 2007)"
        ),
        "notes": "Hinweise zu den Daten",
        "files": "Geschriebene Dateien",
        "generated": "Erzeugt mit clusterdialog {version}",
        "command": "Befehl",
        "input_hash": "SHA-256 der Eingabe",
        "unknown_type": "unbekannt",
        "nothing": "–",
    },
    "en": {
        "title": "Collaboration network of organisations",
        "subtitle": "{organisations} organisations in {projects} joint projects",
        "filters": "Selection",
        "filter_country": "organisations from {country}",
        "filter_year": "projects starting in {year}",
        "filter_none": "all participations in the file",
        "data_source": "Data source",
        "summary": "Key figures",
        "figure_nodes": "Organisations (nodes)",
        "figure_edges": "Collaborations (edges)",
        "figure_density": "Density",
        "figure_components": "Connected components",
        "figure_largest": "Largest component",
        "figure_isolates": "Organisations without a partner in the network",
        "figure_communities": "Communities (Leiden)",
        "figure_modularity": "Modularity",
        "summary_text": (
            "Two organisations are linked when they take part in at least one project together; "
            "the edge weight is the number of joint projects. The largest component holds "
            "{share} of the organisations."
        ),
        "drawing": "The network",
        "drawing_text": (
            "The {shown} best-connected organisations of the largest component (of {total}); "
            "circle size by number of partners, colour by organisation type, line width by "
            "joint projects. Layout: force-directed (Fruchterman–Reingold) with the fixed seed "
            "{seed}, so it is the same on every run."
        ),
        "drawing_empty": "The network has no edges; there is nothing to draw.",
        "types": "Organisation types",
        "types_text": "Number of organisations by type and their share of all nodes.",
        "col_type": "Type",
        "col_count": "Count",
        "col_share": "Share",
        "central": "Central organisations",
        "central_text": (
            "The {n} organisations with the highest betweenness centrality: most shortest paths "
            "between others run through them; they are the brokers of the network. Low "
            "constraint (Burt) means partners who are not linked among themselves."
        ),
        "col_organisation": "Organisation",
        "col_degree": "Partners",
        "col_strength": "Joint projects",
        "col_betweenness": "Betweenness",
        "col_eigenvector": "Eigenvector",
        "col_constraint": "Constraint",
        "col_community": "Community",
        "communities": "Communities",
        "communities_text": (
            "Groups of organisations that collaborate more densely among themselves than with "
            "the rest (Leiden algorithm, modularity {modularity}). The {n} largest:"
        ),
        "col_size": "Organisations",
        "col_mix": "Types",
        "methods": "Methods",
        "methods_text": (
            "One-mode projection of the bipartite organisation × project graph. Betweenness: "
            "{betweenness}. Eigenvector centrality on the weighted network; constraint after "
            "Burt (1992); communities after Traag, Waltman and van Eck (2019)."
        ),
        "betweenness_exact": "exact (Brandes 2001)",
        "betweenness_sampled": (
            "estimated from {samples} randomly chosen source nodes (seed {seed}; Brandes and "
            "Pich 2007)"
        ),
        "notes": "Notes on the data",
        "files": "Files written",
        "generated": "Generated with clusterdialog {version}",
        "command": "Command",
        "input_hash": "SHA-256 of the input",
        "unknown_type": "unknown",
        "nothing": "–",
    },
}


def messages(lang: str) -> Mapping[str, str]:
    """Return the catalogue of one language.

    Examples
    --------
    >>> messages("en")["methods"]
    'Methods'
    >>> messages("fr")
    Traceback (most recent call last):
    ...
    clusterdialog.errors.InputError: lang: expected one of ['de', 'en'], got 'fr'
    """
    return catalogue(MESSAGES, lang)
