"""Message catalogue of the monitoring reports (German default, English).

Both languages have the same keys (a test checks it).  Numbers are formatted
with :func:`clusterdialog.reports.i18n.format_number`, re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping

from clusterdialog.reports.i18n import LANGUAGES, catalogue, format_number, format_percent

__all__ = ["LANGUAGES", "MESSAGES", "format_number", "format_percent", "messages"]

MESSAGES: dict[str, dict[str, str]] = {
    "de": {
        "page": "Seite",
        "toc": "Inhalt",
        "generated": "Erstellt mit clusterdialog {version}",
        "generated_at": "Stand: {date}",
        "generated_by": "Abgerufen von: {user}",
        "light_green": "grün",
        "light_yellow": "gelb",
        "light_red": "rot",
        "light_none": "ohne Bewertung",
        "yes": "ja",
        "no": "nein",
        "summary": "Zusammenfassung",
        "title_initiative": "Monitoringbericht {year}: {initiative}",
        "title_initiative_no_year": "Monitoringbericht: {initiative}",
        "subtitle_initiative": (
            "Jährlicher Bericht der Clusterinitiative mit Kennzahlen, Zielen, Vergleich und "
            "Selbstbewertung"
        ),
        "summary_lights": (
            "Von {n} Kennzahlen des Jahres {year} erreichen {green} ihr Ziel (grün), {yellow} "
            "verfehlen es knapp (gelb) und {red} deutlich (rot); {none} haben kein Ziel oder "
            "keinen Wert."
        ),
        "summary_benchmark": (
            "Im Vergleich mit anderen Initiativen liegt die Initiative bei {n} Kennzahlen über "
            "dem Median der Vergleichsgruppe."
        ),
        "summary_assessment": (
            "Die letzte Selbstbewertung ({date}) erreicht {score} der möglichen Punkte."
        ),
        "kpis": "Kennzahlen und Ziele",
        "kpis_text": (
            "Grün: Ziel erreicht; gelb: Ziel um höchstens 10 % des Zielwerts verfehlt; rot: "
            "Ziel deutlich verfehlt. Bei Kennzahlen, die möglichst niedrig sein sollen (etwa "
            "Austritte), gilt die Richtung umgekehrt."
        ),
        "kpis_none": "Für dieses Jahr liegen keine Kennzahlen vor.",
        "col_kpi": "Kennzahl",
        "col_value": "Wert",
        "col_target": "Ziel",
        "col_light": "Ampel",
        "timeseries": "Zeitreihen",
        "timeseries_text": (
            "Verlauf der Kennzahlen über die Berichtsjahre; Punkte in der Farbe der Ampel, "
            "gestrichelt das Ziel."
        ),
        "timeseries_none": "Für Zeitreihen liegen zu wenige Werte vor.",
        "benchmark": "Vergleich mit anderen Initiativen",
        "benchmark_text": (
            "Perzentilrang: Anteil der Vergleichsinitiativen mit schlechterem Wert (Gleichstände "
            "zur Hälfte). Werte anderer Initiativen erscheinen nur zusammengefasst und nur, wenn "
            "mindestens {min_peers} Initiativen Werte gemeldet haben."
        ),
        "benchmark_none": "Für einen Vergleich liegen keine Daten vor.",
        "benchmark_suppressed": "weniger als {min_peers} Vergleichswerte",
        "col_peers": "Vergleichsinitiativen",
        "col_rank": "Perzentilrang",
        "col_median": "Median der Vergleichsgruppe",
        "radar_caption": "Perzentilränge je Kennzahl; der Kreis bei 50 ist der Median.",
        "assessment": "Selbstbewertung des Clustermanagements",
        "assessment_text": (
            "Selbstbewertung vom {date} nach den Kriterien der Exzellenzlabels für "
            "Clustermanagements: {score} der möglichen Punkte (Schwelle für ein Label: "
            "{threshold})."
        ),
        "assessment_ready": (
            "Nach eigener Einschätzung sind die Voraussetzungen für ein Label erfüllt. Dies ist "
            "eine Selbstbewertung, keine Auszeichnung."
        ),
        "assessment_not_ready": (
            "Nach eigener Einschätzung sind die Voraussetzungen für ein Label noch nicht "
            "erfüllt (Schwelle oder Mindestkriterien)."
        ),
        "assessment_none": "Es liegt noch keine Selbstbewertung vor.",
        "col_area": "Bereich",
        "col_points": "Punkte",
        "col_score": "Erreicht",
        "observation": "Beobachtung in der amtlichen Statistik",
        "observation_text": (
            "Beschäftigung der Branchen der Initiative in ihren Regionen, Standortquotient "
            "gegenüber allen Regionen, Wachstum zum Vorjahr und Sterne nach dem European "
            "Cluster Observatory."
        ),
        "col_region": "Region",
        "col_industry": "Branche",
        "col_period": "Jahr",
        "col_employment": "Beschäftigte",
        "col_lq": "Standortquotient",
        "col_growth": "Wachstum",
        "col_stars": "Sterne",
        "field": "Branchen der Initiative zusammen",
        "title_portfolio": "Portfolio der Clusterinitiativen {year}",
        "title_portfolio_no_year": "Portfolio der Clusterinitiativen",
        "subtitle_portfolio": "{n} Initiativen, {k} Kennzahlen",
        "filters": "Auswahl",
        "filters_none": "alle Initiativen",
        "filter_field": "Technologiefeld",
        "filter_region": "Region",
        "filter_size": "Größenklasse",
        "filter_status": "Berichtsstatus",
        "summary_portfolio": (
            "{n} Initiativen; von ihren {cells} bewerteten Kennzahlen sind {green} grün, "
            "{yellow} gelb und {red} rot."
        ),
        "lights": "Ampeln je Kennzahl",
        "lights_text": "Zahl der Initiativen je Ampelfarbe für jede Kennzahl.",
        "initiatives": "Initiativen und Kennzahlen",
        "initiatives_none": "Keine Initiative entspricht der Auswahl.",
        "col_initiative": "Initiative",
        "col_fields": "Technologiefelder",
        "col_regions": "Regionen",
        "col_size": "Größe",
        "col_status": "Bericht",
        "size_small": "klein",
        "size_medium": "mittel",
        "size_large": "groß",
        "status_draft": "Entwurf",
        "status_submitted": "eingereicht",
        "status_approved": "freigegeben",
        "status_returned": "zurückgegeben",
        "status_missing": "fehlt",
        "sheet_portfolio": "Portfolio",
        "sheet_lights": "Ampeln",
        "sheet_counts": "Ampelzählung",
        "sheet_kpis": "Kennzahlen",
        "col_unit": "Einheit",
        "col_direction": "Höher ist besser",
        "col_green": "grün",
        "col_yellow": "gelb",
        "col_red": "rot",
        "col_none": "ohne Bewertung",
        "title_wissensbilanz": "Wissensbilanz: {initiative}",
        "subtitle_wissensbilanz": "{title}, Stand {date}",
        "business_model": "Geschäftsmodell und Ziele",
        "business_model_none": "Geschäftsmodell und Ziele sind nicht beschrieben.",
        "goals": "Ziele",
        "factors": "Einflussfaktoren",
        "factors_text": "Die Faktoren des Human-, Struktur- und Beziehungskapitals des Clusters.",
        "col_factor": "Faktor",
        "col_capital": "Kapital",
        "col_description": "Beschreibung",
        "capital_human": "Humankapital",
        "capital_structural": "Strukturkapital",
        "capital_relational": "Beziehungskapital",
        "qqs": "Bewertung nach Quantität, Qualität und Systematik",
        "qqs_text": (
            "{n} Teilnehmende haben jeden Faktor auf der Skala 0–120 % in Schritten von 30 "
            "bewertet. Die Streuung (größte minus kleinste mittlere Bewertung einer Person) "
            "zeigt Uneinigkeit; ab 30 Punkten lohnt eine erneute Diskussion."
        ),
        "qqs_none": "Es liegen noch keine Bewertungen vor.",
        "col_quantity": "Quantität",
        "col_quality": "Qualität",
        "col_systematic": "Systematik",
        "col_overall": "Gesamt",
        "col_spread": "Streuung",
        "col_std": "Standardabweichung",
        "impact": "Wirkungsmatrix",
        "impact_text": (
            "Zeilen wirken auf Spalten: 0 = kein, 1 = schwacher, 2 = mittlerer, 3 = starker "
            "Einfluss."
        ),
        "impact_none": "Die Wirkungsmatrix ist noch leer.",
        "sensitivity": "Sensitivitätsanalyse",
        "sensitivity_text": (
            "Aktivsumme: wie stark ein Faktor die anderen beeinflusst; Passivsumme: wie stark "
            "er beeinflusst wird. Über dem Mittelwert gilt eine Summe als hoch: aktiv (hoch, "
            "niedrig), reaktiv (niedrig, hoch), kritisch (beide hoch), träge (beide niedrig)."
        ),
        "col_active": "Aktivsumme",
        "col_passive": "Passivsumme",
        "col_product": "Produkt",
        "col_quotient": "Quotient",
        "col_role": "Rolle",
        "role_active": "aktiv",
        "role_passive": "reaktiv",
        "role_critical": "kritisch",
        "role_inert": "träge",
        "portfolio": "Potenzialportfolio",
        "portfolio_text": (
            "Waagerecht die Bewertung, senkrecht das relative Einflussgewicht (Aktivsumme "
            "geteilt durch die mittlere Aktivsumme). Die Linien bei {rating} % und 1 teilen "
            "die Quadranten."
        ),
        "portfolio_none": "Für das Portfolio fehlen Bewertungen oder Wirkungen.",
        "portfolio_x": "Bewertung (QQS, %)",
        "portfolio_y": "Relatives Einflussgewicht",
        "col_weight": "Einflussgewicht",
        "col_recommendation": "Empfehlung",
        "measures": "Maßnahmen",
        "measures_none": "Es sind noch keine Maßnahmen erfasst.",
        "col_measure": "Maßnahme",
        "col_owner": "Verantwortlich",
        "col_deadline": "Frist",
        "col_done": "Erledigt",
        "comparison": "Vergleich mit der früheren Wissensbilanz",
        "col_before": "Bewertung vorher",
        "col_after": "Bewertung jetzt",
        "col_change": "Veränderung",
        "col_trend": "Tendenz",
        "direction_improved": "verbessert",
        "direction_declined": "verschlechtert",
        "direction_unchanged": "unverändert",
        "direction_added": "neu",
        "direction_removed": "entfallen",
    },
    "en": {
        "page": "Page",
        "toc": "Contents",
        "generated": "Generated with clusterdialog {version}",
        "generated_at": "As of: {date}",
        "generated_by": "Retrieved by: {user}",
        "light_green": "green",
        "light_yellow": "yellow",
        "light_red": "red",
        "light_none": "not rated",
        "yes": "yes",
        "no": "no",
        "summary": "Summary",
        "title_initiative": "Monitoring report {year}: {initiative}",
        "title_initiative_no_year": "Monitoring report: {initiative}",
        "subtitle_initiative": (
            "Annual report of the cluster initiative with indicators, targets, benchmark and "
            "self-assessment"
        ),
        "summary_lights": (
            "Of {n} indicators of {year}, {green} meet their target (green), {yellow} miss it "
            "narrowly (yellow) and {red} clearly (red); {none} have no target or no value."
        ),
        "summary_benchmark": (
            "Compared with other initiatives, the initiative is above the peer median in {n} "
            "indicators."
        ),
        "summary_assessment": "The latest self-assessment ({date}) reaches {score} of the points.",
        "kpis": "Indicators and targets",
        "kpis_text": (
            "Green: target met; yellow: target missed by at most 10% of its value; red: target "
            "clearly missed. For indicators that should be low (such as leaving members) the "
            "direction is reversed."
        ),
        "kpis_none": "No indicators have been reported for this year.",
        "col_kpi": "Indicator",
        "col_value": "Value",
        "col_target": "Target",
        "col_light": "Light",
        "timeseries": "Time series",
        "timeseries_text": (
            "The indicators over the reporting years; dots in the colour of the light, the "
            "target dashed."
        ),
        "timeseries_none": "There are too few values for time series.",
        "benchmark": "Comparison with other initiatives",
        "benchmark_text": (
            "Percentile rank: share of peer initiatives with a worse value (ties count half). "
            "Values of other initiatives appear only as aggregates and only when at least "
            "{min_peers} initiatives reported."
        ),
        "benchmark_none": "There are no data for a comparison.",
        "benchmark_suppressed": "fewer than {min_peers} peer values",
        "col_peers": "Peers",
        "col_rank": "Percentile rank",
        "col_median": "Peer median",
        "radar_caption": "Percentile rank per indicator; the circle at 50 is the median.",
        "assessment": "Self-assessment of the cluster management",
        "assessment_text": (
            "Self-assessment of {date} against the criteria of the cluster management "
            "excellence labels: {score} of the points (threshold for a label: {threshold})."
        ),
        "assessment_ready": (
            "By its own assessment the initiative meets the requirements for a label. This is "
            "a self-assessment, not an award."
        ),
        "assessment_not_ready": (
            "By its own assessment the initiative does not yet meet the requirements for a "
            "label (threshold or minimum criteria)."
        ),
        "assessment_none": "There is no self-assessment yet.",
        "col_area": "Area",
        "col_points": "Points",
        "col_score": "Reached",
        "observation": "Observation in official statistics",
        "observation_text": (
            "Employment of the initiative's industries in its regions, location quotient "
            "against all regions, growth on the previous year and stars after the European "
            "Cluster Observatory."
        ),
        "col_region": "Region",
        "col_industry": "Industry",
        "col_period": "Year",
        "col_employment": "Employees",
        "col_lq": "Location quotient",
        "col_growth": "Growth",
        "col_stars": "Stars",
        "field": "The initiative's industries together",
        "title_portfolio": "Portfolio of the cluster initiatives {year}",
        "title_portfolio_no_year": "Portfolio of the cluster initiatives",
        "subtitle_portfolio": "{n} initiatives, {k} indicators",
        "filters": "Selection",
        "filters_none": "all initiatives",
        "filter_field": "Technology field",
        "filter_region": "Region",
        "filter_size": "Size class",
        "filter_status": "Report status",
        "summary_portfolio": (
            "{n} initiatives; of their {cells} rated indicators {green} are green, {yellow} "
            "yellow and {red} red."
        ),
        "lights": "Lights per indicator",
        "lights_text": "Number of initiatives per light colour for each indicator.",
        "initiatives": "Initiatives and indicators",
        "initiatives_none": "No initiative matches the selection.",
        "col_initiative": "Initiative",
        "col_fields": "Technology fields",
        "col_regions": "Regions",
        "col_size": "Size",
        "col_status": "Report",
        "size_small": "small",
        "size_medium": "medium",
        "size_large": "large",
        "status_draft": "draft",
        "status_submitted": "submitted",
        "status_approved": "approved",
        "status_returned": "returned",
        "status_missing": "missing",
        "sheet_portfolio": "Portfolio",
        "sheet_lights": "Lights",
        "sheet_counts": "Light counts",
        "sheet_kpis": "Indicators",
        "col_unit": "Unit",
        "col_direction": "Higher is better",
        "col_green": "green",
        "col_yellow": "yellow",
        "col_red": "red",
        "col_none": "not rated",
        "title_wissensbilanz": "Intellectual capital statement: {initiative}",
        "subtitle_wissensbilanz": "{title}, as of {date}",
        "business_model": "Business model and goals",
        "business_model_none": "Business model and goals are not described.",
        "goals": "Goals",
        "factors": "Factors",
        "factors_text": "The factors of the cluster's human, structural and relational capital.",
        "col_factor": "Factor",
        "col_capital": "Capital",
        "col_description": "Description",
        "capital_human": "Human capital",
        "capital_structural": "Structural capital",
        "capital_relational": "Relational capital",
        "qqs": "Rating by quantity, quality and systematic development",
        "qqs_text": (
            "{n} participants rated every factor on the scale 0–120% in steps of 30. The spread "
            "(highest minus lowest mean rating of one person) shows disagreement; from 30 points "
            "on a new discussion is worthwhile."
        ),
        "qqs_none": "There are no ratings yet.",
        "col_quantity": "Quantity",
        "col_quality": "Quality",
        "col_systematic": "Systematic",
        "col_overall": "Overall",
        "col_spread": "Spread",
        "col_std": "Standard deviation",
        "impact": "Impact matrix",
        "impact_text": (
            "Rows influence columns: 0 = no, 1 = weak, 2 = medium, 3 = strong influence."
        ),
        "impact_none": "The impact matrix is still empty.",
        "sensitivity": "Sensitivity analysis",
        "sensitivity_text": (
            "Active sum: how strongly a factor influences the others; passive sum: how strongly "
            "it is influenced. Above the mean a sum counts as high: active (high, low), reactive "
            "(low, high), critical (both high), inert (both low)."
        ),
        "col_active": "Active sum",
        "col_passive": "Passive sum",
        "col_product": "Product",
        "col_quotient": "Quotient",
        "col_role": "Role",
        "role_active": "active",
        "role_passive": "reactive",
        "role_critical": "critical",
        "role_inert": "inert",
        "portfolio": "Potential portfolio",
        "portfolio_text": (
            "Horizontally the rating, vertically the relative influence weight (active sum "
            "divided by the mean active sum). The lines at {rating}% and 1 divide the quadrants."
        ),
        "portfolio_none": "Ratings or influences are missing for the portfolio.",
        "portfolio_x": "Rating (QQS, %)",
        "portfolio_y": "Relative influence weight",
        "col_weight": "Influence weight",
        "col_recommendation": "Recommendation",
        "measures": "Measures",
        "measures_none": "No measures have been entered yet.",
        "col_measure": "Measure",
        "col_owner": "Owner",
        "col_deadline": "Deadline",
        "col_done": "Done",
        "comparison": "Comparison with the earlier statement",
        "col_before": "Rating before",
        "col_after": "Rating now",
        "col_change": "Change",
        "col_trend": "Trend",
        "direction_improved": "improved",
        "direction_declined": "declined",
        "direction_unchanged": "unchanged",
        "direction_added": "new",
        "direction_removed": "dropped",
    },
}


def messages(lang: str) -> Mapping[str, str]:
    """Return the catalogue of one language.

    Examples
    --------
    >>> messages("en")["kpis"]
    'Indicators and targets'
    """
    return catalogue(MESSAGES, lang)
