"""Message catalogue of the reports (German default, English) and number formats.

Every text a report shows comes from :data:`MESSAGES`; both languages have
the same keys (a test checks it).  German numbers use the decimal comma and
the thousands dot (``1.234,5``), English ones the decimal point and the
thousands comma (``1,234.5``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

__all__ = [
    "LANGUAGES",
    "MESSAGES",
    "catalogue",
    "format_number",
    "format_percent",
    "messages",
]

LANGUAGES = ("de", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "de": {
        "title": "Cluster in den Kreisen: Stärken, Dynamik und Chancen",
        "subtitle_focus": (
            "Schwerpunkt: Regionen mit Schlüssel {focus}…, verglichen mit allen {n} Regionen"
        ),
        "subtitle_all": "{n} Regionen",
        "toc": "Inhalt",
        "data_source": "Datenquelle",
        "attribution": "Quellenangaben",
        "summary": "Zusammenfassung",
        "summary_regions": (
            "Der Bericht betrachtet {n_focus} Regionen und {n_clusters} Wirtschaftszweige bzw. "
            "Cluster im Jahr {period}."
        ),
        "summary_stars": (
            "{n_star} Kombinationen aus Region und Cluster erhalten mindestens einen Stern, "
            "{n_two} davon zwei oder mehr Sterne."
        ),
        "summary_top": (
            "Die meisten Sterne erreicht {cluster} in {region} ({stars} Sterne, LQ {lq})."
        ),
        "summary_strong": "{n} starke Cluster nach der Regel des US Cluster Mapping Project.",
        "summary_strong_absent": (
            "Starke Cluster lassen sich nicht vollständig bestimmen, weil die Daten keine "
            "Zahl der Betriebe enthalten (siehe Methoden)."
        ),
        "summary_growth": (
            "Zwischen {start} und {end} sind {n_growing} spezialisierte Cluster gewachsen und "
            "{n_declining} geschrumpft; {n_emerging} Cluster sind im Entstehen."
        ),
        "summary_opportunities": (
            "Für {n_regions} Regionen nennt der Bericht Chancenfelder; das stärkste ist "
            "{industry} in {region}."
        ),
        "summary_quality": "Hinweise zur Datenqualität: {n} (siehe Abschnitt Datenqualität).",
        "maps": "Karten",
        "map_lq": "Standortquotient: {cluster}",
        "map_stars": "Sterne je Region (bestes Cluster)",
        "map_top_cluster": "Cluster mit den meisten Sternen je Region",
        "map_none": "Keine Geometrie angegeben: keine Karten (Option --geometry).",
        "legend_no_data": "keine Daten",
        "legend_other": "weitere",
        "legend_stars": "Sterne",
        "portfolio": "Portfolio der Cluster",
        "portfolio_text": (
            "Jede Blase ist ein Cluster einer Region: waagerecht die Veränderung des "
            "Standortquotienten von {start} bis {end}, senkrecht der Standortquotient {end}, "
            "die Fläche die Beschäftigung."
        ),
        "portfolio_one_period": (
            "Das Portfolio braucht mindestens zwei Zeitpunkte; die Daten enthalten nur einen."
        ),
        "portfolio_x": "Veränderung des Standortquotienten",
        "portfolio_y": "Standortquotient",
        "class_specialised_growing": "spezialisiert und wachsend",
        "class_specialised_declining": "spezialisiert und schrumpfend",
        "class_emerging": "im Entstehen",
        "class_other": "übrige",
        "stars_table": "Sterne (European Cluster Observatory)",
        "stars_table_text": "Die {n} Kombinationen mit den meisten Sternen, {period}.",
        "strong_table": "Starke Cluster (US Cluster Mapping Project)",
        "strong_absent": (
            "Die Regel für starke Cluster verlangt die Zahl der Betriebe je Region und Cluster "
            "(Option --establishments-col). Sie fehlt, daher zeigt die Tabelle nur die "
            "Kriterien, die sich prüfen lassen (Standortquotient und Beschäftigung); die Spalte "
            "„strong“ bleibt in strong_clusters.csv leer."
        ),
        "strong_none": "Keine Region erfüllt alle Kriterien eines starken Clusters.",
        "growth_table": "Wachstum {start}–{end}",
        "growth_text": "Spezialisierte Cluster (LQ ≥ 1) mit dem stärksten Beschäftigungswachstum.",
        "opportunities": "Chancenfelder und Schnittfelder",
        "opportunities_text": (
            "Chancenfelder sind Branchen, in denen eine Region noch nicht spezialisiert ist, "
            "die aber eng mit ihren vorhandenen Stärken verwandt sind (hohe Verwandtschaftsdichte)."
        ),
        "opportunities_none": "Keine Chancenfelder gefunden.",
        "intersections": "Schnittfelder",
        "intersections_text": (
            "Paare spezialisierter Felder einer Region, die eng miteinander verwandt sind: "
            "Kandidaten für einen neuen Clusteransatz."
        ),
        "intersections_none": "Keine Schnittfelder gefunden.",
        "intermunicipal": "Interkommunale Clusterkandidaten",
        "intermunicipal_text": (
            "Benachbarte Kreise, die zusammen spezialisiert (Standortquotient ≥ {lq}) und "
            "groß (Beschäftigung in den obersten {size} der Regionen) sind, obwohl keiner "
            "beide Kriterien allein erfüllt: Kandidaten für eine gemeinsame Clusterinitiative."
        ),
        "intermunicipal_line": (
            "{regions}: zusammen {cluster}, Standortquotient {lq}, {employment} Beschäftigte"
        ),
        "intermunicipal_none": (
            "Keine Kandidaten bei diesen Schwellen (oder keine Geometrie für die Nachbarschaft)."
        ),
        "hotspots": "Räumliche Schwerpunkte",
        "hotspots_text": (
            "Moran's I misst, ob benachbarte Regionen ähnliche Standortquotienten haben; die "
            "lokale Statistik (LISA) zeigt Gruppen hoher Werte (hoch–hoch). p-Werte aus der "
            "Normalapproximation unter Randomisierung (lokal: bedingte Randomisierung nach "
            "Sokal u. a. 1998), Signifikanzniveau 5 %."
        ),
        "hotspots_none": "Keine räumliche Auswertung (keine Geometrie oder zu wenige Regionen).",
        "moran_line": "{cluster}: Moran's I = {i} (p = {p}); Hot spots: {regions}",
        "methods": "Methoden",
        "method_lq": (
            "Der Standortquotient vergleicht den Anteil eines Clusters k an der Beschäftigung "
            "der Region r mit seinem Anteil im Vergleichsgebiet (alle Regionen der Daten):"
        ),
        "method_stars": (
            "Sterne nach dem European Cluster Observatory: je ein Stern für Größe "
            "(Beschäftigung in den oberen {size} der Regionen), Spezialisierung (LQ ≥ {spec}) "
            "und Fokus (Anteil an der Beschäftigung der Region in den oberen {focus}); "
            "optional Produktivität (Lohn je Beschäftigten in den oberen {prod}). Quelle: {source}"
        ),
        "method_strong": (
            "Starke Cluster nach dem US Cluster Mapping Project: LQ (Nenner: handelbare bzw. "
            "lokale Beschäftigung der Region) mindestens im 75. Perzentil und mindestens 1, "
            "Beschäftigung und Zahl der Betriebe über dem 25. Perzentil; Perzentile über "
            "Regionen desselben Typs mit Beschäftigung > 0 (Delgado, Porter & Stern 2016)."
        ),
        "method_significance": (
            "Signifikanz: Test der beobachteten gegen die erwartete Beschäftigung "
            "x̂ = X_r · X_k / X; die p-Werte werden mit dem Verfahren von Benjamini und "
            "Hochberg (1995) für viele Tests korrigiert (Falscherkennungsrate {alpha})."
        ),
        "method_shift_share": (
            "Shift-Share: Die Veränderung der Beschäftigung zerlegt sich in die Komponenten "
            "Gesamtwirtschaft, Branchenmix und regionale Besonderheit:"
        ),
        "method_density": (
            "Verwandtschaftsdichte: Anteil der mit Branche k verwandten Branchen, in denen die "
            "Region spezialisiert ist (Hidalgo et al. 2007), mit der Verwandtschaft φ aus dem "
            "gemeinsamen Auftreten der Spezialisierungen über die Regionen:"
        ),
        "thresholds": "Verwendete Schwellenwerte",
        "threshold": "Schwellenwert",
        "setting": "Einstellung",
        "quality": "Datenqualität",
        "quality_suppressed": (
            "{n} gesperrte oder unbekannte Felder ({share} aller Felder); Regel: {policy}."
        ),
        "quality_no_suppressed": "Keine gesperrten Felder.",
        "policy_zero": "als 0 gezählt (Untergrenze)",
        "policy_drop_region": "Regionen mit gesperrten Feldern weggelassen",
        "policy_drop_industry": "Branchen mit gesperrten Feldern weggelassen",
        "policy_error": "Abbruch bei gesperrten Feldern",
        "quality_keys_without_geometry": (
            "{n} Regionsschlüssel der Daten haben keine Geometrie und fehlen daher in den "
            "Karten (in den Tabellen bleiben sie): {keys}"
        ),
        "quality_geometry_without_data": ("{n} Geometrien ohne Daten (grau in den Karten): {keys}"),
        "quality_unmapped": (
            "{n} Branchen fehlen in der Clusterdefinition ({share} der Beschäftigung) und "
            "gehen in keinen Cluster ein: {keys}"
        ),
        "quality_missing_periods": "Lücken in der Zeitreihe: es fehlen die Zeitpunkte {periods}.",
        "quality_partial_regions": (
            "{n} Regionen fehlen in einzelnen Zeitpunkten (z. B. nach Gebietsreformen) und "
            "werden in der Dynamik nicht bewertet: {keys}"
        ),
        "quality_no_establishments": (
            "Keine Spalte mit der Zahl der Betriebe: starke Cluster nur teilweise prüfbar."
        ),
        "quality_ok": "Keine weiteren Auffälligkeiten.",
        "quality_notes": "Hinweise der Berechnung",
        "footer": (
            "Erstellt mit clusterdialog {version}. Eingabe: {input} (SHA-256 {sha}). "
            "Parameter: {parameters}."
        ),
        "col_region": "Region",
        "col_name": "Name",
        "col_cluster": "Cluster",
        "col_employment": "Beschäftigte",
        "col_lq": "LQ",
        "col_stars": "Sterne",
        "col_size_star": "Größe",
        "col_specialisation_star": "Spezialisierung",
        "col_focus_star": "Fokus",
        "col_productivity_star": "Produktivität",
        "col_significant": "signifikant",
        "col_strong": "stark",
        "col_lq_percentile": "LQ-Perzentil",
        "col_establishments": "Betriebe",
        "col_growth": "Wachstum % p. a.",
        "col_lq_change": "LQ-Veränderung",
        "col_class": "Portfolio",
        "col_density": "Dichte",
        "col_explanation": "Erläuterung",
        "col_criteria": "erfüllte Kriterien",
        "yes": "ja",
        "no": "nein",
        "page": "Seite",
    },
    "en": {
        "title": "Clusters in the regions: strengths, dynamics and opportunities",
        "subtitle_focus": "Focus: regions with key {focus}…, compared with all {n} regions",
        "subtitle_all": "{n} regions",
        "toc": "Contents",
        "data_source": "Data source",
        "attribution": "Attribution",
        "summary": "Summary",
        "summary_regions": (
            "The report covers {n_focus} regions and {n_clusters} industries or clusters in "
            "{period}."
        ),
        "summary_stars": (
            "{n_star} region–cluster combinations earn at least one star, {n_two} of them two "
            "or more."
        ),
        "summary_top": "The most stars go to {cluster} in {region} ({stars} stars, LQ {lq}).",
        "summary_strong": "{n} strong clusters by the rule of the US Cluster Mapping Project.",
        "summary_strong_absent": (
            "Strong clusters cannot be fully determined because the data hold no number of "
            "establishments (see Methods)."
        ),
        "summary_growth": (
            "Between {start} and {end}, {n_growing} specialised clusters grew and "
            "{n_declining} shrank; {n_emerging} clusters are emerging."
        ),
        "summary_opportunities": (
            "The report names opportunities for {n_regions} regions; the strongest is "
            "{industry} in {region}."
        ),
        "summary_quality": "Data-quality notes: {n} (see the section Data quality).",
        "maps": "Maps",
        "map_lq": "Location quotient: {cluster}",
        "map_stars": "Stars per region (best cluster)",
        "map_top_cluster": "Cluster with the most stars per region",
        "map_none": "No geometry given: no maps (option --geometry).",
        "legend_no_data": "no data",
        "legend_other": "others",
        "legend_stars": "stars",
        "portfolio": "Cluster portfolio",
        "portfolio_text": (
            "Each bubble is a cluster of a region: horizontally the change of the location "
            "quotient from {start} to {end}, vertically the location quotient in {end}, the "
            "area the employment."
        ),
        "portfolio_one_period": "The portfolio needs at least two periods; the data have one.",
        "portfolio_x": "Change of the location quotient",
        "portfolio_y": "Location quotient",
        "class_specialised_growing": "specialised and growing",
        "class_specialised_declining": "specialised and declining",
        "class_emerging": "emerging",
        "class_other": "other",
        "stars_table": "Stars (European Cluster Observatory)",
        "stars_table_text": "The {n} combinations with the most stars, {period}.",
        "strong_table": "Strong clusters (US Cluster Mapping Project)",
        "strong_absent": (
            "The strong-cluster rule needs the number of establishments per region and cluster "
            "(option --establishments-col). It is missing, so the table shows only the criteria "
            "that can be checked (location quotient and employment); the column “strong” stays "
            "empty in strong_clusters.csv."
        ),
        "strong_none": "No region meets all criteria of a strong cluster.",
        "growth_table": "Growth {start}–{end}",
        "growth_text": "Specialised clusters (LQ ≥ 1) with the strongest employment growth.",
        "opportunities": "Opportunities and intersections",
        "opportunities_text": (
            "Opportunities are industries in which a region is not yet specialised but which "
            "are closely related to its existing strengths (high relatedness density)."
        ),
        "opportunities_none": "No opportunities found.",
        "intersections": "Intersections of fields",
        "intersections_text": (
            "Pairs of specialised fields of a region that are strongly related: candidates "
            "for a new cluster initiative."
        ),
        "intersections_none": "No intersections found.",
        "intermunicipal": "Inter-municipal cluster candidates",
        "intermunicipal_text": (
            "Neighbouring Kreise that together are specialised (location quotient ≥ {lq}) and "
            "large (employment in the top {size} of regions) although none of them meets both "
            "criteria alone: candidates for a joint cluster initiative."
        ),
        "intermunicipal_line": (
            "{regions}: together {cluster}, location quotient {lq}, {employment} employees"
        ),
        "intermunicipal_none": (
            "No candidates at these thresholds (or no geometry for the neighbourhood)."
        ),
        "hotspots": "Spatial hot spots",
        "hotspots_text": (
            "Moran's I measures whether neighbouring regions have similar location quotients; "
            "the local statistic (LISA) shows groups of high values (high–high). p-values from "
            "the normal approximation under randomisation (local: conditional randomisation, "
            "Sokal et al. 1998), significance level 5 %."
        ),
        "hotspots_none": "No spatial analysis (no geometry or too few regions).",
        "moran_line": "{cluster}: Moran's I = {i} (p = {p}); hot spots: {regions}",
        "methods": "Methods",
        "method_lq": (
            "The location quotient compares the share of cluster k in the employment of region "
            "r with its share in the reference area (all regions of the data):"
        ),
        "method_stars": (
            "Stars after the European Cluster Observatory: one star each for size (employment "
            "in the top {size} of regions), specialisation (LQ ≥ {spec}) and focus (share of "
            "the region's employment in the top {focus}); optionally productivity (wage per "
            "employee in the top {prod}). Source: {source}"
        ),
        "method_strong": (
            "Strong clusters after the US Cluster Mapping Project: LQ (denominator: the "
            "region's traded or local employment) at least at the 75th percentile and at least "
            "1, employment and establishments above the 25th percentile; percentiles over "
            "regions of the same type with employment > 0 (Delgado, Porter & Stern 2016)."
        ),
        "method_significance": (
            "Significance: a test of observed against expected employment "
            "x̂ = X_r · X_k / X; p-values are adjusted for multiple testing with the "
            "Benjamini–Hochberg procedure (1995) (false discovery rate {alpha})."
        ),
        "method_shift_share": (
            "Shift-share: the change of employment splits into the national, industry-mix and "
            "regional components:"
        ),
        "method_density": (
            "Relatedness density: the share of the industries related to k in which the region "
            "is specialised (Hidalgo et al. 2007), with relatedness φ from the co-occurrence "
            "of specialisations across regions:"
        ),
        "thresholds": "Thresholds used",
        "threshold": "Threshold",
        "setting": "Setting",
        "quality": "Data quality",
        "quality_suppressed": (
            "{n} suppressed or unknown cells ({share} of all cells); policy: {policy}."
        ),
        "quality_no_suppressed": "No suppressed cells.",
        "policy_zero": "counted as 0 (lower bound)",
        "policy_drop_region": "regions with suppressed cells dropped",
        "policy_drop_industry": "industries with suppressed cells dropped",
        "policy_error": "stop on suppressed cells",
        "quality_keys_without_geometry": (
            "{n} region keys of the data have no geometry and are therefore missing from the "
            "maps (they stay in the tables): {keys}"
        ),
        "quality_geometry_without_data": "{n} geometries without data (grey in the maps): {keys}",
        "quality_unmapped": (
            "{n} industries are missing from the cluster definition ({share} of employment) "
            "and enter no cluster: {keys}"
        ),
        "quality_missing_periods": "Gaps in the time series: periods {periods} are missing.",
        "quality_partial_regions": (
            "{n} regions are missing in some periods (e.g. after territorial reforms) and are "
            "not assessed in the dynamics: {keys}"
        ),
        "quality_no_establishments": (
            "No column with the number of establishments: strong clusters only partly checked."
        ),
        "quality_ok": "No further issues.",
        "quality_notes": "Notes from the computation",
        "footer": (
            "Made with clusterdialog {version}. Input: {input} (SHA-256 {sha}). "
            "Parameters: {parameters}."
        ),
        "col_region": "Region",
        "col_name": "Name",
        "col_cluster": "Cluster",
        "col_employment": "Employees",
        "col_lq": "LQ",
        "col_stars": "Stars",
        "col_size_star": "Size",
        "col_specialisation_star": "Specialisation",
        "col_focus_star": "Focus",
        "col_productivity_star": "Productivity",
        "col_significant": "significant",
        "col_strong": "strong",
        "col_lq_percentile": "LQ percentile",
        "col_establishments": "Establishments",
        "col_growth": "Growth % p.a.",
        "col_lq_change": "LQ change",
        "col_class": "Portfolio",
        "col_density": "Density",
        "col_explanation": "Explanation",
        "col_criteria": "criteria met",
        "yes": "yes",
        "no": "no",
        "page": "Page",
    },
}


def catalogue(messages_by_language: Mapping[str, Mapping[str, str]], lang: str):
    """One language of a message catalogue, or an InputError naming the languages."""
    from clusterdialog.errors import InputError

    if lang not in messages_by_language:
        raise InputError(f"lang: expected one of {list(LANGUAGES)}, got {lang!r}")
    return messages_by_language[lang]


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


def format_number(value: object, lang: str = "de", decimals: int = 0) -> str:
    """Format a number with the language's decimal and thousands marks.

    Missing values become an en dash.

    Examples
    --------
    >>> format_number(1234567.891, "de", 2)
    '1.234.567,89'
    >>> format_number(1234567.891, "en", 1)
    '1,234,567.9'
    >>> format_number(float("nan"))
    '–'
    """
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(number):
        return "–"
    if math.isinf(number):
        return "∞" if number > 0 else "−∞"
    text = f"{number:,.{decimals}f}"
    if lang == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text.replace("-", "−") if number < 0 else text


def format_percent(share: float, lang: str = "de", decimals: int = 1) -> str:
    """Format a share (0.123) as a percentage in the language's style.

    Examples
    --------
    >>> format_percent(0.1234, "de")
    '12,3 %'
    >>> format_percent(0.1234, "en")
    '12.3%'
    """
    text = format_number(100 * share, lang, decimals)
    return f"{text} %" if lang == "de" else f"{text}%"
