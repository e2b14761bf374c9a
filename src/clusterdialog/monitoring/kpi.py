"""The KPI catalogue of cluster initiatives and its traffic lights.

:data:`DEFAULT_KPIS` seeds the catalogue that the state administrator edits
(members, shares by actor type, entries and exits, projects, funding,
events, staff, internationalisation, press, satisfaction).
:func:`traffic_light` and :func:`kpi_status` compare reported values with
their targets.  Values derivable from the directory and the check for
overdue reports are in :mod:`clusterdialog.monitoring.reporting` (and
re-exported here).

This module is pure: it reads no files and prints nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusterdialog.errors import InputError
from clusterdialog.monitoring._checks import numeric_column, require_columns
from clusterdialog.monitoring.reporting import derive_membership_kpis, overdue

__all__ = [
    "DEFAULT_KPIS",
    "KPI_FREQUENCIES",
    "KPI_UNITS",
    "TRAFFIC_LIGHTS",
    "KpiDefinition",
    "derive_membership_kpis",
    "kpi_status",
    "overdue",
    "traffic_light",
]

#: Units a KPI can have (``percent`` on 0–100, ``score`` on the 1–5 survey scale).
KPI_UNITS: tuple[str, ...] = ("count", "percent", "eur", "fte", "score")
#: Reporting frequencies.
KPI_FREQUENCIES: tuple[str, ...] = ("annual", "semiannual", "quarterly")
#: The lights of :func:`traffic_light`, best first.
TRAFFIC_LIGHTS: tuple[str, ...] = ("green", "yellow", "red")


@dataclass(frozen=True)
class KpiDefinition:
    """One key performance indicator of the catalogue.

    ``derivable`` says whether
    :func:`~clusterdialog.monitoring.reporting.derive_membership_kpis` computes
    it from the platform's membership records.
    """

    key: str
    name_de: str
    name_en: str
    unit: str
    definition_de: str
    definition_en: str
    higher_is_better: bool
    frequency: str = "annual"
    derivable: bool = False

    def __post_init__(self) -> None:
        if self.unit not in KPI_UNITS:
            raise InputError(f"unit: expected one of {list(KPI_UNITS)}, got {self.unit!r}")
        if self.frequency not in KPI_FREQUENCIES:
            raise InputError(
                f"frequency: expected one of {list(KPI_FREQUENCIES)}, got {self.frequency!r}"
            )


def _kpi(key, unit, higher, derivable, de, en, def_de, def_en) -> KpiDefinition:
    return KpiDefinition(key, de, en, unit, def_de, def_en, higher, "annual", derivable)


#: The indicators that monitoring systems of cluster initiatives usually collect.
DEFAULT_KPIS: tuple[KpiDefinition, ...] = (
    _kpi("members", "count", True, True, "Mitglieder", "Members",
         "Zahl der Organisationen, die am Ende des Berichtszeitraums Mitglied sind.",
         "Number of organisations that are members at the end of the reporting period."),
    _kpi("share_sme", "percent", True, True, "Anteil KMU", "Share of SMEs",
         "Anteil kleiner und mittlerer Unternehmen an den Mitgliedern am Ende des Zeitraums (%).",
         "Share of small and medium-sized enterprises among the members at the end of the "
         "period (%)."),
    _kpi("share_research", "percent", True, True, "Anteil Wissenschaft",
         "Share of research and academia",
         "Anteil von Hochschulen und Forschungseinrichtungen an den Mitgliedern (%).",
         "Share of universities and research institutes among the members (%)."),
    _kpi("new_members", "count", True, True, "Neue Mitglieder", "New members",
         "Organisationen, deren Mitgliedschaft im Berichtszeitraum begonnen hat.",
         "Organisations whose membership began during the reporting period."),
    _kpi("leaving_members", "count", False, True, "Ausgetretene Mitglieder", "Leaving members",
         "Organisationen, deren Mitgliedschaft im Berichtszeitraum geendet hat.",
         "Organisations whose membership ended during the reporting period."),
    _kpi("joint_projects", "count", True, False, "Gestartete Verbundprojekte",
         "Joint projects started",
         "Im Zeitraum begonnene Kooperationsprojekte mit mindestens zwei Mitgliedern.",
         "Collaborative projects with at least two members started during the period."),
    _kpi("rd_funding", "eur", True, False, "Eingeworbene FuE-Fördermittel",
         "R&D funding acquired",
         "Von Mitgliedern in gemeinsamen Projekten eingeworbene Fördermittel für Forschung und "
         "Entwicklung (EUR).",
         "Research and development funding acquired by members in joint projects (EUR)."),
    _kpi("private_funding_share", "percent", True, False, "Anteil privater Finanzierung",
         "Share of private funding",
         "Anteil privater Mittel (Beiträge, Entgelte, Sponsoring) am Budget des "
         "Clustermanagements (%).",
         "Share of private sources (fees, service income, sponsoring) in the budget of the "
         "cluster management (%)."),
    _kpi("events", "count", True, False, "Veranstaltungen", "Events",
         "Vom Clustermanagement im Zeitraum durchgeführte Veranstaltungen.",
         "Events held by the cluster management during the period."),
    _kpi("event_participants", "count", True, False, "Teilnehmende an Veranstaltungen",
         "Event participants",
         "Summe der Teilnehmenden an den Veranstaltungen des Zeitraums.",
         "Total participants of the period's events."),
    _kpi("management_fte", "fte", True, False, "Personal des Clustermanagements",
         "Management staff",
         "Personalkapazität des Clustermanagements in Vollzeitäquivalenten.",
         "Staff of the cluster management in full-time equivalents."),
    _kpi("international_partners", "count", True, False, "Internationale Partner",
         "International partners",
         "Ausländische Cluster und Organisationen mit vereinbarter Zusammenarbeit.",
         "Foreign clusters and organisations with an agreed cooperation."),
    _kpi("international_activities", "count", True, False, "Internationale Aktivitäten",
         "International activities",
         "Delegationsreisen, Messebeteiligungen und Projekte mit ausländischen Partnern.",
         "Delegation trips, trade fair participations and projects with foreign partners."),
    _kpi("press_mentions", "count", True, False, "Presseberichte", "Press mentions",
         "Berichte über die Initiative in Presse und Fachmedien.",
         "Reports on the initiative in the press and trade media."),
    _kpi("member_satisfaction", "score", True, False, "Mitgliederzufriedenheit",
         "Member satisfaction",
         "Mittlere Zufriedenheit in der Mitgliederbefragung (1 = gering bis 5 = sehr hoch).",
         "Mean satisfaction in the member survey (1 = low to 5 = very high)."),
)  # fmt: skip


def _finite(x: object) -> float | None:
    if x is None or isinstance(x, bool):
        return None
    try:
        f = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _check_tolerance(tolerance: object) -> float:
    if isinstance(tolerance, bool) or not isinstance(tolerance, int | float):
        raise InputError(f"tolerance: expected a number >= 0, got {tolerance!r}")
    if not np.isfinite(tolerance) or tolerance < 0:
        raise InputError(f"tolerance: expected a finite number >= 0, got {tolerance!r}")
    return float(tolerance)


def _lights(value, target, higher, tolerance: float) -> np.ndarray:
    """Vectorised kernel of :func:`traffic_light`: object array of lights (None where unknown)."""
    value, target = np.asarray(value, dtype=float), np.asarray(target, dtype=float)
    higher = np.asarray(higher, dtype=bool)
    miss = np.where(higher, target - value, value - target)  # > 0: target missed
    band = tolerance * np.abs(target)
    out = np.where(miss <= 0, "green", np.where(miss <= band, "yellow", "red")).astype(object)
    out[np.isnan(value) | np.isnan(target)] = None
    return out


def traffic_light(
    value: float | None,
    target: float | None,
    *,
    higher_is_better: bool,
    tolerance: float = 0.1,
) -> str | None:
    r"""The traffic light of a value against its target.

    With :math:`m = t - v` if higher is better and :math:`m = v - t` otherwise
    (the amount by which the target is missed):

    .. math::

        \text{light} = \begin{cases}
            \text{green} & m \le 0 \\
            \text{yellow} & 0 < m \le \tau |t| \\
            \text{red} & m > \tau |t|
        \end{cases}

    Parameters
    ----------
    value, target : float or None
        The reported value and its target; ``None`` or ``NaN`` for unknown.
    higher_is_better : bool
        Direction of the KPI.
    tolerance : float
        :math:`\tau`, the share of the target by which it may be missed for yellow.

    Returns
    -------
    str or None
        ``"green"``, ``"yellow"`` or ``"red"``; ``None`` without a value or target.

    Raises
    ------
    InputError
        For a negative or non-numeric ``tolerance`` or a non-boolean direction.

    Notes
    -----
    Both borders belong to the better light: meeting the target exactly is
    green, missing it by exactly :math:`\tau |t|` is yellow.  With a target of
    0 there is no yellow band.  Dashboards of cluster programmes use the same
    three colours; the width of the yellow band is a convention of each
    programme, hence the option.

    Examples
    --------
    >>> traffic_light(95, 100, higher_is_better=True)
    'yellow'
    >>> traffic_light(89, 100, higher_is_better=True)
    'red'
    >>> traffic_light(3, 5, higher_is_better=False)
    'green'
    >>> traffic_light(None, 5, higher_is_better=False) is None
    True
    """
    if not isinstance(higher_is_better, bool | np.bool_):
        raise InputError(f"higher_is_better: expected True or False, got {higher_is_better!r}")
    tolerance = _check_tolerance(tolerance)
    v, t = _finite(value), _finite(target)
    if v is None or t is None:
        return None
    return _lights(v, t, bool(higher_is_better), tolerance).item()


def directions(kpis: Iterable[KpiDefinition] | Mapping[str, bool], argument: str = "kpis"):
    """kpi key → higher_is_better from definitions or a mapping (shared with benchmark)."""
    if isinstance(kpis, Mapping | pd.Series):
        out = dict(kpis.items())
    else:
        try:
            out = {k.key: k.higher_is_better for k in kpis}
        except (AttributeError, TypeError):
            raise InputError(
                f"{argument}: expected KpiDefinitions or a mapping kpi -> higher_is_better, "
                f"got {type(kpis).__name__}"
            ) from None
    bad = {k: v for k, v in out.items() if not isinstance(v, bool | np.bool_)}
    if bad:
        raise InputError(f"{argument}: expected True/False directions, got {bad!r}")
    return {str(k): bool(v) for k, v in out.items()}


def kpi_status(
    frame: pd.DataFrame,
    *,
    targets: pd.DataFrame | None = None,
    kpis: Iterable[KpiDefinition] | Mapping[str, bool] = DEFAULT_KPIS,
    tolerance: float = 0.1,
) -> pd.DataFrame:
    r"""Targets, gaps and traffic lights of a long table of KPI values.

    .. math::

        \text{gap} = v - t, \qquad \text{attainment} = v / t

    and the light of :func:`traffic_light` for every row.

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns ``kpi`` and ``value`` plus any key columns (``initiative``,
        ``period`` …); optionally ``target`` and ``higher_is_better``.
    targets : pandas.DataFrame, optional
        Columns ``kpi``, ``target`` and any of the frame's key columns to match
        on (e.g. ``initiative`` and ``period``; without ``period`` a target holds
        for every period).  Replaces a ``target`` column of ``frame``.
    kpis : iterable of KpiDefinition or mapping
        The catalogue (or kpi → higher_is_better) giving each KPI's direction,
        unless ``frame`` has a ``higher_is_better`` column.
    tolerance : float
        Width of the yellow band as a share of the target.

    Returns
    -------
    pandas.DataFrame
        A copy of ``frame`` with ``target``, ``higher_is_better``, ``gap``,
        ``attainment`` (``NaN`` where the target is 0 or unknown) and ``light``.

    Raises
    ------
    InputError
        For missing columns, a KPI without a direction, or several targets
        matching one row.

    Notes
    -----
    ``attainment`` is a plain ratio whatever the direction: for a KPI where
    lower is better, values below 1 are good.

    Examples
    --------
    >>> import pandas as pd
    >>> values = pd.DataFrame({"initiative": ["a", "a"], "kpi": ["members", "leaving_members"],
    ...                        "value": [95.0, 6.0]})
    >>> targets = pd.DataFrame({"initiative": ["a", "a"], "kpi": ["members", "leaving_members"],
    ...                         "target": [100.0, 5.0]})
    >>> kpi_status(values, targets=targets)[["kpi", "gap", "light"]]
                   kpi  gap   light
    0          members -5.0  yellow
    1  leaving_members  1.0     red
    """
    require_columns(frame, "frame", ["kpi", "value"])
    tolerance = _check_tolerance(tolerance)
    out = frame.copy()
    if targets is not None:
        require_columns(targets, "targets", ["kpi", "target"])
        keys = ["kpi"] + [
            c for c in targets.columns if c not in ("kpi", "target") and c in frame.columns
        ]
        table = targets[keys + ["target"]]
        if table.duplicated(keys).any():
            dup = table.loc[table.duplicated(keys, keep=False), keys].head(3).to_dict("records")
            raise InputError(f"targets: several targets for the same {keys}, e.g. {dup}")
        out = out.drop(columns=["target"], errors="ignore")
        out = out.merge(table, on=keys, how="left", validate="many_to_one")
        out.index = frame.index
    elif "target" not in out.columns:
        out["target"] = np.nan
    if "higher_is_better" not in frame.columns:
        direction = directions(kpis)
        unknown = sorted(set(out["kpi"].astype(str)) - set(direction))
        if unknown:
            raise InputError(
                f"kpis: no direction (higher_is_better) for kpi {unknown}; pass them in kpis "
                "or a higher_is_better column"
            )
        out["higher_is_better"] = out["kpi"].astype(str).map(direction).astype(bool)
    value = numeric_column(out, "value", "frame")
    target = numeric_column(out, "target", "targets" if targets is not None else "frame")
    out["target"] = target
    out["gap"] = value - target
    with np.errstate(divide="ignore", invalid="ignore"):
        out["attainment"] = np.where(target != 0, value / target, np.nan)
    lights = _lights(value, target, out["higher_is_better"].to_numpy(bool), tolerance)
    out["light"] = pd.Series(lights, index=out.index, dtype=object)  # None, not NaN
    return out
