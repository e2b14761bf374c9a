"""Self-assessment of the cluster management against excellence criteria.

:data:`DEFAULT_CRITERIA` lists 25 indicators in the five areas of the
European Cluster Excellence Initiative (ECEI) benchmarking and its quality
labels (ESCA; in Baden-Württemberg the Cluster-Exzellenz label): structure
of the participants, governance and management, financing, strategy and
services, recognition.  :func:`assessment_score` scores a cluster manager's
answers (points per indicator), checks the minimum criteria and states
whether the initiative looks ready for a label — a self-assessment, not an
award.  :func:`assessment_progress` shows repeated assessments over time.

This module is pure: it reads no files and prints nothing.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusterdialog.errors import InputError
from clusterdialog.monitoring._checks import require_columns, shown

__all__ = [
    "AREAS",
    "AREA_NAMES",
    "DEFAULT_CRITERIA",
    "AssessmentScore",
    "Indicator",
    "assessment_progress",
    "assessment_score",
]

#: The five areas of the criteria, in the order of the ECEI questionnaire.
AREAS: tuple[str, ...] = ("participants", "governance", "financing", "strategy", "recognition")
#: Names of the areas for reports and forms.
AREA_NAMES: dict[str, dict[str, str]] = {
    "participants": {"de": "Struktur der Clusterakteure", "en": "Structure of participants"},
    "governance": {"de": "Governance und Management", "en": "Governance and management"},
    "financing": {"de": "Finanzierung", "en": "Financing"},
    "strategy": {"de": "Strategie und Leistungen", "en": "Strategy and services"},
    "recognition": {"de": "Erfolge und Anerkennung", "en": "Achievements and recognition"},
}


@dataclass(frozen=True)
class Indicator:
    """One indicator of the self-assessment with its points scale.

    ``minimum_points`` is the points needed when the indicator is a minimum
    criterion (``minimum=True``); change it with :func:`dataclasses.replace`
    to configure the thresholds.
    """

    key: str
    area: str
    name_de: str
    name_en: str
    description_de: str
    description_en: str
    scale: tuple[int, ...] = (0, 1, 2, 3)
    minimum: bool = False
    minimum_points: int = 0

    @property
    def max_points(self) -> int:
        """The highest points of the scale."""
        return max(self.scale)


def _ind(key, area, de, en, desc_de, desc_en, minimum_points=None) -> Indicator:
    minimum = minimum_points is not None
    return Indicator(key, area, de, en, desc_de, desc_en, (0, 1, 2, 3), minimum,
                     minimum_points or 0)  # fmt: skip


#: 25 indicators modelled on the ECEI / ESCA quality-label indicator list.
DEFAULT_CRITERIA: tuple[Indicator, ...] = (
    _ind("committed_participants", "participants", "Engagierte Akteure", "Committed participants",
         "Zahl der Mitglieder mit schriftlicher Mitgliedschaft oder Beitrag.",
         "Number of participants committed by written membership or fee.", 2),
    _ind("participant_mix", "participants", "Zusammensetzung", "Composition of participants",
         "Unternehmen, Wissenschaft und weitere Akteure sind vertreten.",
         "Firms, research and other actors are represented."),
    _ind("sme_involvement", "participants", "Beteiligung von KMU", "Involvement of SMEs",
         "Anteil und Aktivität kleiner und mittlerer Unternehmen.",
         "Share and activity of small and medium-sized enterprises."),
    _ind("geographic_concentration", "participants", "Räumliche Konzentration",
         "Geographic concentration",
         "Die Akteure liegen überwiegend in der Zielregion.",
         "Most participants are located in the target region."),
    _ind("participant_commitment", "participants", "Verbindlichkeit der Akteure",
         "Commitment of participants",
         "Akteure wirken in Gremien und Projekten aktiv mit.",
         "Participants actively take part in bodies and projects."),
    _ind("organisation_maturity", "governance", "Reife der Clusterorganisation",
         "Maturity of the cluster organisation",
         "Bestehensdauer und Stabilität der Clusterorganisation.",
         "Age and stability of the cluster organisation."),
    _ind("management_staff", "governance", "Personal des Managements", "Management staff",
         "Personalkapazität in Vollzeitäquivalenten, angemessen zu Größe und Aufgaben.",
         "Staff in full-time equivalents, adequate to size and tasks.", 2),
    _ind("staff_qualification", "governance", "Qualifikation des Teams",
         "Qualification of the team",
         "Ausbildung, Erfahrung und Weiterbildung des Managementteams.",
         "Education, experience and training of the management team."),
    _ind("staff_continuity", "governance", "Personelle Kontinuität", "Continuity of staff",
         "Geringe Fluktuation im Managementteam.", "Low turnover in the management team."),
    _ind("governance_structure", "governance", "Governance-Struktur", "Governance structure",
         "Lenkungsgremium mit Vertretung der Akteure, geregelte Entscheidungen.",
         "Steering board representing the participants, rules for decisions.", 2),
    _ind("stakeholder_involvement", "governance", "Einbindung der Akteure",
         "Involvement of stakeholders",
         "Akteure werden an Strategie und Leistungsangebot beteiligt.",
         "Participants take part in shaping strategy and services."),
    _ind("budget_adequacy", "financing", "Ausreichendes Budget", "Adequate budget",
         "Das Budget deckt Personal und Leistungen des Managements.",
         "The budget covers the management's staff and services."),
    _ind("private_funding", "financing", "Private Finanzierung", "Private funding",
         "Anteil von Beiträgen, Entgelten und Sponsoring am Budget.",
         "Share of fees, service income and sponsoring in the budget."),
    _ind("funding_sustainability", "financing", "Nachhaltige Finanzierung",
         "Sustainability of funding",
         "Finanzierung für mindestens zwei Jahre gesichert.",
         "Funding secured for at least two years.", 2),
    _ind("strategy_process", "strategy", "Strategieprozess", "Strategy process",
         "Strategie gemeinsam mit den Akteuren erarbeitet und regelmäßig überprüft.",
         "Strategy developed with the participants and reviewed regularly."),
    _ind("documented_strategy", "strategy", "Dokumentierte Strategie", "Documented strategy",
         "Schriftliche Strategie mit Zielen und Maßnahmenplan.",
         "Written strategy with objectives and action plan.", 2),
    _ind("monitoring", "strategy", "Monitoring und Controlling", "Monitoring and controlling",
         "Kennzahlen werden regelmäßig erhoben und ausgewertet.",
         "Indicators are collected and evaluated regularly.", 2),
    _ind("service_portfolio", "strategy", "Leistungsangebot", "Portfolio of services",
         "Information, Vernetzung, Kooperation, Qualifizierung, Internationalisierung.",
         "Information, matchmaking, cooperation, skills, internationalisation."),
    _ind("service_quality", "strategy", "Qualität der Leistungen", "Quality of services",
         "Zufriedenheit der Akteure wird erhoben und genutzt.",
         "Participant satisfaction is measured and acted upon."),
    _ind("cooperation_projects", "strategy", "Kooperationsprojekte", "Cooperation projects",
         "Vom Management angestoßene Projekte zwischen Akteuren.",
         "Projects between participants initiated by the management."),
    _ind("internationalisation", "strategy", "Internationalisierung", "Internationalisation",
         "Internationale Strategie, Partner und Aktivitäten.",
         "International strategy, partners and activities."),
    _ind("success_stories", "recognition", "Erfolgsgeschichten", "Success stories",
         "Dokumentierte Ergebnisse für Akteure und Region.",
         "Documented results for participants and region."),
    _ind("media_presence", "recognition", "Medienpräsenz", "Media presence",
         "Berichte in Presse und Fachmedien, eigene Veröffentlichungen.",
         "Reports in press and trade media, own publications."),
    _ind("web_presence", "recognition", "Internetauftritt", "Web presence",
         "Aktueller, zweisprachiger Internetauftritt.", "Current, bilingual website."),
    _ind("external_recognition", "recognition", "Externe Anerkennung", "External recognition",
         "Auszeichnungen, Labels, Einladungen als Referenz.",
         "Awards, labels, invitations as a reference."),
)  # fmt: skip


@dataclass(frozen=True)
class AssessmentScore:
    """Result of :func:`assessment_score` (a self-assessment, not an award)."""

    points: float
    max_points: float
    score: float
    by_area: pd.DataFrame
    minimum_criteria: pd.DataFrame
    minimum_criteria_met: bool
    ready_for_label: bool
    missing: tuple[str, ...]
    threshold: float


def _answers(answers: object) -> dict[str, object]:
    if isinstance(answers, pd.DataFrame):
        require_columns(answers, "answers", ["indicator", "points"])
        if answers["indicator"].duplicated().any():
            dup = answers.loc[answers["indicator"].duplicated(), "indicator"].iloc[0]
            raise InputError(f"answers: indicator {dup!r} is answered more than once")
        return dict(zip(answers["indicator"].astype(str), answers["points"], strict=True))
    if isinstance(answers, Mapping | pd.Series):
        return {str(k): v for k, v in answers.items()}
    raise InputError(
        f"answers: expected a mapping indicator -> points or a DataFrame (indicator, points), "
        f"got {type(answers).__name__}"
    )


def assessment_score(
    answers: Mapping[str, float] | pd.DataFrame,
    *,
    criteria: Iterable[Indicator] = DEFAULT_CRITERIA,
    threshold: float = 0.8,
) -> AssessmentScore:
    r"""Score of a self-assessment: points over the maximum, overall and by area.

    .. math::

        S = \frac{\sum_i p_i}{\sum_i \max(\text{scale}_i)}, \qquad
        \text{ready} = S \ge \theta \wedge \forall i \in \text{min}: p_i \ge m_i

    Parameters
    ----------
    answers : mapping or pandas.DataFrame
        indicator key → points, or columns ``indicator`` and ``points``.
        ``None``/``NaN`` counts as unanswered.
    criteria : iterable of Indicator
        The indicators (default :data:`DEFAULT_CRITERIA`).
    threshold : float
        :math:`\theta`, the share of the maximum needed for a label (0–1).

    Returns
    -------
    AssessmentScore
        ``points``, ``max_points``, ``score`` (0–1), ``by_area`` (``area,
        points, max_points, score, answered, indicators``), ``minimum_criteria``
        (``indicator, points, minimum_points, met``), ``minimum_criteria_met``,
        ``ready_for_label``, ``missing`` (unanswered indicators), ``threshold``.

    Raises
    ------
    InputError
        For an unknown indicator, points not on its scale, an unknown area,
        duplicate indicator keys or a threshold outside (0, 1].

    Notes
    -----
    Unanswered indicators count 0 points and keep their maximum in the
    denominator, so an incomplete assessment cannot look better than a
    complete one; an unanswered minimum criterion is not met.  The ESCA Gold
    label assesses 31 quality indicators, each with its own threshold, and
    needs a total of at least 80 %; here the 25 indicators weigh alike (0–3
    points) and the minimum criteria stand for the per-indicator thresholds.
    Peers differ in weights and scales; pass your own ``criteria`` to follow
    a programme's form exactly.

    References
    ----------
    .. [1] European Secretariat for Cluster Analysis (ESCA). Cluster Management
       Excellence Labels Bronze, Silver and Gold (European Cluster Excellence
       Initiative). https://www.cluster-analysis.org

    Examples
    --------
    >>> answers = {c.key: 3 for c in DEFAULT_CRITERIA}
    >>> answers["media_presence"] = 0
    >>> result = assessment_score(answers)
    >>> round(result.score, 4), result.ready_for_label
    (0.96, True)
    >>> answers["documented_strategy"] = 1
    >>> assessment_score(answers).ready_for_label
    False
    """
    criteria = tuple(criteria)
    if not criteria or not all(isinstance(c, Indicator) for c in criteria):
        raise InputError("criteria: expected a non-empty collection of Indicator")
    keys = [c.key for c in criteria]
    if len(set(keys)) != len(keys):
        raise InputError(
            f"criteria: duplicate indicator keys {sorted({k for k in keys if keys.count(k) > 1})}"
        )
    bad_area = [c.key for c in criteria if c.area not in AREAS]
    if bad_area:
        raise InputError(f"criteria: area must be one of {list(AREAS)}; wrong for {bad_area}")
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, int | float)
        or not (0 < threshold <= 1)
    ):
        raise InputError(f"threshold: expected a number in (0, 1], got {threshold!r}")
    given = _answers(answers)
    unknown = sorted(set(given) - set(keys))
    if unknown:
        raise InputError(f"answers: unknown indicator(s) {unknown}; known are {keys}")
    points = np.full(len(criteria), np.nan)
    for i, c in enumerate(criteria):  # 25 indicators: validation per answer
        p = given.get(c.key)
        if p is None or (isinstance(p, float) and np.isnan(p)):
            continue
        if isinstance(p, bool) or not isinstance(p, int | float | np.number) or p not in c.scale:
            raise InputError(
                f"answers[{c.key!r}]: expected points in {list(c.scale)}, got {shown(p)}"
            )
        points[i] = float(p)
    frame = pd.DataFrame({
        "indicator": keys, "area": [c.area for c in criteria], "points": points,
        "max_points": [float(c.max_points) for c in criteria],
        "minimum": [c.minimum for c in criteria],
        "minimum_points": [float(c.minimum_points) for c in criteria],
    })  # fmt: skip
    frame["answered"] = frame["points"].notna()
    frame["scored"] = frame["points"].fillna(0.0)
    by_area = frame.groupby("area", sort=False).agg(
        points=("scored", "sum"), max_points=("max_points", "sum"),
        answered=("answered", "sum"), indicators=("indicator", "count"),
    )  # fmt: skip
    by_area = by_area.reindex([a for a in AREAS if a in by_area.index]).reset_index()
    by_area.insert(3, "score", by_area["points"] / by_area["max_points"])
    minimum = frame.loc[frame["minimum"], ["indicator", "points", "minimum_points"]].copy()
    minimum["met"] = (minimum["points"] >= minimum["minimum_points"]).to_numpy(bool)
    minimum = minimum.reset_index(drop=True)
    total, maximum = float(frame["scored"].sum()), float(frame["max_points"].sum())
    score = total / maximum if maximum > 0 else float("nan")
    met = bool(minimum["met"].all())
    return AssessmentScore(
        points=total, max_points=maximum, score=score, by_area=by_area,
        minimum_criteria=minimum, minimum_criteria_met=met,
        ready_for_label=bool(score >= threshold and met),
        missing=tuple(frame.loc[~frame["answered"], "indicator"]), threshold=float(threshold),
    )  # fmt: skip


def assessment_progress(
    scores: Mapping[Hashable, AssessmentScore] | Iterable[tuple[Hashable, AssessmentScore]],
) -> pd.DataFrame:
    r"""Repeated self-assessments over time: overall and area scores and their change.

    .. math::

        \Delta S_{a,t} = S_{a,t} - S_{a,t-1}

    Parameters
    ----------
    scores : mapping or iterable of pairs
        date (or any sortable label) → :class:`AssessmentScore`.

    Returns
    -------
    pandas.DataFrame
        Long table ``date, area, score, change, ready_for_label`` sorted by
        date, ``area`` = ``"overall"`` first and then the areas; ``change``
        is ``NaN`` at the first date.

    Raises
    ------
    InputError
        For values that are not :class:`AssessmentScore` or repeated dates.

    Examples
    --------
    >>> first = assessment_score({c.key: 2 for c in DEFAULT_CRITERIA})
    >>> second = assessment_score({c.key: 3 for c in DEFAULT_CRITERIA})
    >>> progress = assessment_progress({"2024-01-15": first, "2025-01-20": second})
    >>> progress.loc[progress["area"] == "overall", ["date", "score", "change"]].round(4)
             date   score  change
    0  2024-01-15  0.6667     NaN
    6  2025-01-20  1.0000  0.3333
    """
    pairs = list(scores.items()) if isinstance(scores, Mapping) else list(scores)
    bad = [d for d, s in pairs if not isinstance(s, AssessmentScore)]
    if bad:
        raise InputError(f"scores: expected AssessmentScore values, wrong for date(s) {bad}")
    dates = [d for d, _ in pairs]
    if len(set(dates)) != len(dates):
        raise InputError(f"scores: repeated dates in {dates}")
    rows = []
    for date, s in sorted(pairs, key=lambda pair: pair[0]):
        rows.append((date, "overall", s.score, s.ready_for_label))
        rows.extend(
            (date, a, sc, s.ready_for_label)
            for a, sc in zip(s.by_area["area"], s.by_area["score"], strict=True)
        )
    out = pd.DataFrame(rows, columns=["date", "area", "score", "ready_for_label"])
    out.insert(3, "change", out.groupby("area", sort=False)["score"].diff())
    return out
