"""Message catalogue of the value-chain report (German default, English).

Both languages have the same keys (a test checks it).  Numbers are formatted
with :func:`clusterdialog.reports.i18n.format_number` (German ``1.234,5``,
English ``1,234.5``), re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping

from clusterdialog.reports.i18n import LANGUAGES, catalogue, format_number, format_percent

__all__ = ["LANGUAGES", "MESSAGES", "format_number", "format_percent", "messages"]

MESSAGES: dict[str, dict[str, str]] = {
    "de": {
        "title_table": "Input-Output-Analyse: Multiplikatoren und Verflechtungen",
        "title_cluster": "Wertschöpfungskette des Clusters {cluster}",
        "subtitle": "{n} Sektoren ({kind}), Werte in {unit}",
        "subtitle_region": "Region {region}, regionalisiert mit {method} (δ = {delta})",
        "kind_product": "Gütergruppen × Gütergruppen",
        "kind_industry": "Wirtschaftszweige × Wirtschaftszweige",
        "data_source": "Datenquelle",
        "toc": "Inhalt",
        "page": "Seite",
        "summary": "Zusammenfassung",
        "summary_table": (
            "Die Tabelle hat {n} Sektoren; die gesamte Produktion beträgt {output} {unit}."
        ),
        "summary_multiplier": (
            "Den höchsten Produktionsmultiplikator hat {sector}: eine zusätzliche Einheit "
            "Endnachfrage nach seinen Gütern erzeugt {value} Einheiten Produktion in der ganzen "
            "Wirtschaft (Durchschnitt aller Sektoren: {mean})."
        ),
        "summary_key": "Schlüsselsektoren (Rückwärts- und Vorwärtsverflechtung über 1): {sectors}.",
        "summary_no_key": (
            "Kein Sektor ist zugleich rückwärts und vorwärts überdurchschnittlich verflochten."
        ),
        "summary_region": (
            "Regionalisiert für {region} mit {method}: der mittlere regionale "
            "Produktionsmultiplikator ist {regional} (national {national}); der Rest der "
            "Vorleistungen wird aus anderen Regionen bezogen."
        ),
        "summary_cluster": "Das Cluster {cluster} umfasst: {sectors}.",
        "summary_suppliers": "Wichtigste Zulieferer: {sectors}.",
        "summary_customers": "Wichtigste Abnehmer: {sectors}.",
        "summary_gaps": (
            "{n} stark verflochtene Sektoren sind in {region} unterrepräsentiert (Lücken der "
            "regionalen Wertschöpfungskette): {sectors}."
        ),
        "summary_no_gaps": "In {region} ist kein stark verflochtener Sektor unterrepräsentiert.",
        "summary_no_region": (
            "Ohne regionale Beschäftigung (Optionen --employment und --region) lassen sich "
            "Lücken nicht bestimmen."
        ),
        "chain": "Die Wertschöpfungskette im Bild",
        "chain_text_cluster": (
            "Links die Zulieferer, in der Mitte die Sektoren des Clusters, rechts die Abnehmer. "
            "Die Breite der Bänder ist der Vorleistungsstrom in {unit}."
        ),
        "chain_text_table": (
            "Die {n} größten Vorleistungsströme zwischen Sektoren: links die liefernden, rechts "
            "die beziehenden Sektoren; Breite der Bänder in {unit}."
        ),
        "chain_gap_legend": "Orange: in der Region unterrepräsentierter Sektor (Lücke).",
        "column_suppliers": "Zulieferer",
        "column_cluster": "Cluster",
        "column_customers": "Abnehmer",
        "column_supplying": "Liefernde Sektoren",
        "column_using": "Beziehende Sektoren",
        "chain_table": "Zulieferer und Abnehmer",
        "chain_table_text": (
            "Sektoren, mit denen das Cluster am stärksten verflochten ist, nach der Stärke der "
            "Verflechtung (direkte und gesamte Vorleistungen je Einheit Produktion)."
        ),
        "gaps": "Lücken in der regionalen Wertschöpfungskette",
        "gaps_text": (
            "Stark verflochtene Sektoren mit einem Standortquotienten unter 1 oder ohne "
            "Beschäftigung in der Region: die Region bezieht diese Güter überwiegend von außen. "
            "Sie sind Kandidaten für Ansiedlungspolitik und für Partner aus Nachbarregionen."
        ),
        "gaps_none": "Keine Lücken gefunden.",
        "gaps_no_region": (
            "Für Lücken braucht es die regionale Beschäftigung (--employment, --region)."
        ),
        "multipliers": "Multiplikatoren",
        "multipliers_text": (
            "Produktion, Wertschöpfung und Beschäftigung in der ganzen Wirtschaft je Einheit "
            "zusätzlicher Endnachfrage nach den Gütern eines Sektors. Typ I: nur "
            "Vorleistungsverflechtung; Typ II: zusätzlich der Konsum der Haushalte aus ihrem "
            "Arbeitseinkommen. Beschäftigungs- und Wertschöpfungsmultiplikatoren: gesamte "
            "je direkte Wirkung; die Wirkung je Einheit Endnachfrage (Beschäftigung in "
            "{employment_unit}) steht in den CSV-Dateien (Spalte effect)."
        ),
        "multipliers_more": "Die vollständige Tabelle steht in den CSV-Dateien.",
        "linkages": "Verflechtungen und Schlüsselsektoren",
        "linkages_text": (
            "Rückwärtsverflechtung: Bedarf eines Sektors an Vorleistungen der ganzen Wirtschaft "
            "(Rasmussen-Hirschman, Spaltensummen der Leontief-Inversen, Durchschnitt = 1). "
            "Vorwärtsverflechtung: Bedeutung als Lieferant (Zeilensummen der Ghosh-Inversen, "
            "Durchschnitt = 1). Schlüsselsektoren liegen bei beiden über 1."
        ),
        "regional": "Regionalisierung",
        "regional_text": (
            "Die nationalen Inputkoeffizienten werden mit Standortquotienten aus der regionalen "
            "Beschäftigung auf die Region {region} übertragen ({method}); was die Region nicht "
            "selbst liefert, gilt als Bezug von außen. Alle Tabellen dieses Berichts und die "
            "CSV-Dateien beziehen sich auf die regionale Tabelle. Typ-II-Multiplikatoren "
            "entfallen, weil Einkommen und Konsum der Haushalte der Region nicht bekannt sind."
        ),
        "method_slq": "einfacher Standortquotient (SLQ)",
        "method_cilq": "sektorübergreifender Standortquotient (CILQ)",
        "method_flq": "FLQ nach Flegg, Webber & Elliott (1995), δ = {delta}",
        "method_aflq": "AFLQ nach Flegg & Webber (2000), δ = {delta}",
        "methods": "Methoden",
        "method_coefficients": "Technische Koeffizienten und Leontief-Inverse:",
        "method_multiplier": (
            "Produktionsmultiplikator (Spaltensumme der Leontief-Inversen), Beschäftigungs- und "
            "Wertschöpfungsmultiplikator Typ I mit den Koeffizienten e = Beschäftigung/Produktion "
            "bzw. v = Wertschöpfung/Produktion (Wirkung je Einheit Endnachfrage geteilt durch "
            "die direkte Wirkung):"
        ),
        "method_type_ii": (
            "Typ II: die Haushalte werden endogen – die Matrix wird um eine Zeile "
            "(Arbeitnehmerentgelt je Einheit Produktion) und eine Spalte (Konsum der Haushalte "
            "je Einheit Arbeitnehmerentgelt) erweitert."
        ),
        "method_linkages": (
            "Rückwärtsverflechtung (Rasmussen-Hirschman) und Ghosh-basierte "
            "Vorwärtsverflechtung, beide auf den Durchschnitt 1 normiert:"
        ),
        "method_flq_formula": "FLQ (Flegg, Webber & Elliott 1995):",
        "method_references": (
            "Miller, R. E. & Blair, P. D. (2009), Input-Output Analysis: Foundations and "
            "Extensions, 2. Aufl., Cambridge University Press. Flegg, A. T., Webber, C. D. & "
            "Elliott, M. V. (1995), On the appropriate use of location quotients in generating "
            "regional input-output tables, Regional Studies 29(6), 547–561. Feser, E. J. & "
            "Bergman, E. M. (2000), National industry cluster templates, Regional Studies 34(1), "
            "1–19."
        ),
        "quality": "Hinweise zur Datenqualität",
        "quality_none": "Keine Hinweise.",
        "files": "Dateien dieses Laufs",
        "sector": "Sektor",
        "role": "Rolle",
        "role_supplier": "Zulieferer",
        "role_customer": "Abnehmer",
        "direct": "direkt",
        "total": "gesamt",
        "employment": "Beschäf\u00adtigte",
        "lq": "Standort\u00adquotient",
        "import_share": "Bezug von außen",
        "linkage_index": "Verflechtungs\u00adindex",
        "output_type_i": "Produktion Typ I",
        "output_type_ii": "Produktion Typ II",
        "employment_multiplier": "Beschäftigung Typ I",
        "value_added_multiplier": "Wertschöpfung Typ I",
        "backward": "rückwärts",
        "forward": "vorwärts",
        "key_sector": "Schlüsselsektor",
        "explanation": "Erläuterung",
        "yes": "ja",
        "no": "nein",
        "generated": "Erstellt mit clusterdialog {version}",
        "command": "Befehl",
        "input_hash": "Eingabe (SHA-256)",
    },
    "en": {
        "title_table": "Input-output analysis: multipliers and linkages",
        "title_cluster": "Value chain of the cluster {cluster}",
        "subtitle": "{n} sectors ({kind}), values in {unit}",
        "subtitle_region": "Region {region}, regionalised with {method} (δ = {delta})",
        "kind_product": "product × product",
        "kind_industry": "industry × industry",
        "data_source": "Data source",
        "toc": "Contents",
        "page": "Page",
        "summary": "Summary",
        "summary_table": "The table has {n} sectors; total output is {output} {unit}.",
        "summary_multiplier": (
            "{sector} has the largest output multiplier: one more unit of final demand for its "
            "products generates {value} units of output across the economy (mean of all "
            "sectors: {mean})."
        ),
        "summary_key": "Key sectors (backward and forward linkage above 1): {sectors}.",
        "summary_no_key": "No sector has both backward and forward linkages above average.",
        "summary_region": (
            "Regionalised for {region} with {method}: the mean regional output multiplier is "
            "{regional} (national {national}); the remaining inputs come from other regions."
        ),
        "summary_cluster": "The cluster {cluster} consists of: {sectors}.",
        "summary_suppliers": "Main suppliers: {sectors}.",
        "summary_customers": "Main customers: {sectors}.",
        "summary_gaps": (
            "{n} strongly linked sectors are under-represented in {region} (gaps in the "
            "regional value chain): {sectors}."
        ),
        "summary_no_gaps": "No strongly linked sector is under-represented in {region}.",
        "summary_no_region": (
            "Without regional employment (options --employment and --region) gaps cannot be "
            "determined."
        ),
        "chain": "The value chain at a glance",
        "chain_text_cluster": (
            "Suppliers on the left, the cluster's sectors in the middle, customers on the right. "
            "The width of a band is the intermediate flow in {unit}."
        ),
        "chain_text_table": (
            "The {n} largest intermediate flows between sectors: supplying sectors on the left, "
            "using sectors on the right; band width in {unit}."
        ),
        "chain_gap_legend": "Orange: sector under-represented in the region (gap).",
        "column_suppliers": "Suppliers",
        "column_cluster": "Cluster",
        "column_customers": "Customers",
        "column_supplying": "Supplying sectors",
        "column_using": "Using sectors",
        "chain_table": "Suppliers and customers",
        "chain_table_text": (
            "The sectors the cluster is most strongly linked with, ranked by linkage strength "
            "(direct and total requirements per unit of output)."
        ),
        "gaps": "Gaps in the regional value chain",
        "gaps_text": (
            "Strongly linked sectors with a location quotient below 1 or no employment in the "
            "region: the region buys these products mostly from outside. They are candidates "
            "for settlement policy and for partners from neighbouring regions."
        ),
        "gaps_none": "No gaps found.",
        "gaps_no_region": "Gaps need regional employment (--employment, --region).",
        "multipliers": "Multipliers",
        "multipliers_text": (
            "Output, value added and employment across the economy per unit of additional final "
            "demand for a sector's products. Type I: inter-industry linkages only; type II: "
            "also household consumption out of labour income. Employment and value-added "
            "multipliers: total per direct effect; the effects per unit of final demand "
            "(employment in {employment_unit}) are in the CSV files (column effect)."
        ),
        "multipliers_more": "The complete table is in the CSV files.",
        "linkages": "Linkages and key sectors",
        "linkages_text": (
            "Backward linkage: a sector's demand for inputs from the whole economy "
            "(Rasmussen-Hirschman, column sums of the Leontief inverse, mean = 1). Forward "
            "linkage: its importance as a supplier (row sums of the Ghosh inverse, mean = 1). "
            "Key sectors are above 1 on both."
        ),
        "regional": "Regionalisation",
        "regional_text": (
            "The national input coefficients are carried over to the region {region} with "
            "location quotients from regional employment ({method}); what the region does not "
            "supply itself counts as bought from outside. All tables of this report and the CSV "
            "files refer to the regional table. Type II multipliers are left out: the region's "
            "household income and consumption are not known."
        ),
        "method_slq": "simple location quotient (SLQ)",
        "method_cilq": "cross-industry location quotient (CILQ)",
        "method_flq": "FLQ after Flegg, Webber & Elliott (1995), δ = {delta}",
        "method_aflq": "AFLQ after Flegg & Webber (2000), δ = {delta}",
        "methods": "Methods",
        "method_coefficients": "Technical coefficients and the Leontief inverse:",
        "method_multiplier": (
            "Output multiplier (column sum of the Leontief inverse), type I employment and "
            "value-added multipliers with the coefficients e = employment/output and v = value "
            "added/output (effect per unit of final demand divided by the direct effect):"
        ),
        "method_type_ii": (
            "Type II: households are made endogenous – the matrix gets one more row "
            "(compensation of employees per unit of output) and one more column (household "
            "consumption per unit of compensation)."
        ),
        "method_linkages": (
            "Backward linkage (Rasmussen-Hirschman) and Ghosh-based forward linkage, both "
            "normalised to a mean of 1:"
        ),
        "method_flq_formula": "FLQ (Flegg, Webber & Elliott 1995):",
        "method_references": (
            "Miller, R. E. & Blair, P. D. (2009), Input-Output Analysis: Foundations and "
            "Extensions, 2nd ed., Cambridge University Press. Flegg, A. T., Webber, C. D. & "
            "Elliott, M. V. (1995), On the appropriate use of location quotients in generating "
            "regional input-output tables, Regional Studies 29(6), 547–561. Feser, E. J. & "
            "Bergman, E. M. (2000), National industry cluster templates, Regional Studies 34(1), "
            "1–19."
        ),
        "quality": "Data quality notes",
        "quality_none": "None.",
        "files": "Files of this run",
        "sector": "Sector",
        "role": "Role",
        "role_supplier": "supplier",
        "role_customer": "customer",
        "direct": "direct",
        "total": "total",
        "employment": "Employment",
        "lq": "Location quotient",
        "import_share": "Bought from outside",
        "linkage_index": "Linkage index",
        "output_type_i": "Output type I",
        "output_type_ii": "Output type II",
        "employment_multiplier": "Employment type I",
        "value_added_multiplier": "Value added type I",
        "backward": "backward",
        "forward": "forward",
        "key_sector": "Key sector",
        "explanation": "Explanation",
        "yes": "yes",
        "no": "no",
        "generated": "Generated with clusterdialog {version}",
        "command": "Command",
        "input_hash": "Input (SHA-256)",
    },
}


def messages(lang: str) -> Mapping[str, str]:
    """Return the value-chain catalogue of one language.

    Examples
    --------
    >>> messages("en")["gaps"]
    'Gaps in the regional value chain'
    >>> messages("fr")
    Traceback (most recent call last):
    ...
    clusterdialog.errors.InputError: lang: expected one of ['de', 'en'], got 'fr'
    """
    return catalogue(MESSAGES, lang)
