"""``clusterdialog valuechain``: input-output analysis of a table, a region and a cluster.

Writes into OUT: ``coefficients.csv`` and ``leontief.csv`` (wide: ``sector``,
then one column per sector), ``output_multipliers.csv`` (``sector``,
``value``; also ``type_ii`` where the table has compensation and household
consumption), ``employment_multipliers.csv`` and ``value_added_multipliers.csv``
where the table has those rows (same columns), ``linkages.csv`` (``sector``,
``backward``, ``forward``, ``key_sector``), for a cluster ``value_chain.csv``
and ``gaps.csv``, ``report.html`` (self-contained) and ``provenance.json``.

With ``--employment`` and ``--region`` the table is regionalised (FLQ by
default) and coefficients, inverse, multipliers and linkages refer to the
regional table.  The employment panel's industries are mapped to the table's
sectors with ``--concordance``: a CSV (``industry``, ``sector``\\[,
``weight``\\]) or a shipped mapping (``wz-a10-cpa-a6``: the ten WZ A*10
groupings of the demo Kreis panel onto the six product groups of the
Eurostat-manual table; ``wz-sections-cpa-a10``); without it, the identity
when the panel uses the table's codes, else the shipped mapping that covers
the table's sectors.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from clusterdialog.cli._common import (
    TEXT,
    Language,
    ReaderChoice,
    SuppressedChoice,
    app,
    clear_errors,
    err_console,
    out_console,
    read_input,
    run_provenance,
    sha256,
    staging,
)
from clusterdialog.errors import InputError

__all__ = ["IOFormat", "valuechain"]

TEXT["de"].update(
    {
        "valuechain_wrote": "{n} Dateien geschrieben nach {out}",
        "valuechain_concordance": "Zuordnung Branchen → Sektoren: {name}",
        "valuechain_period": "Beschäftigung: Zeitpunkt {period} (der letzte von {n})",
    }
)
TEXT["en"].update(
    {
        "valuechain_wrote": "Wrote {n} files to {out}",
        "valuechain_concordance": "Industries → sectors mapping: {name}",
        "valuechain_period": "Employment: period {period} (the latest of {n})",
    }
)


class IOFormat(StrEnum):
    generic = "generic"
    naio = "naio"
    destatis = "destatis"
    bea = "bea"
    wiod = "wiod"
    eurostat_manual = "eurostat_manual"
    ons = "ons"


class RegionalMethod(StrEnum):
    flq = "flq"
    aflq = "aflq"
    slq = "slq"
    cilq = "cilq"


def _shipped_concordances() -> dict[str, Mapping]:
    from clusterdialog.valuechain.concordance import (
        WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL,
        WZ_SECTIONS_TO_CPA_A10,
    )

    return {
        "wz-a10-cpa-a6": WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL,
        "wz-sections-cpa-a10": WZ_SECTIONS_TO_CPA_A10,
    }


def _read_concordance(path: Path) -> dict:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, sep=None, engine="python")
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"--concordance: cannot read {str(path)!r} as CSV: {exc}") from None
    missing = {"industry", "sector"} - set(frame.columns)
    if missing:
        raise InputError(
            f"--concordance: {str(path)!r} needs columns industry, sector[, weight]; "
            f"missing {sorted(missing)}, found {list(frame.columns)}"
        )
    mapping: dict[str, dict[str, float]] = {}
    for line, row in zip(frame.index + 2, frame.itertuples(), strict=True):
        try:
            weight = float(row.weight) if "weight" in frame.columns and row.weight else 1.0
        except ValueError:
            raise InputError(
                f"--concordance: line {line}: weight {row.weight!r} is not a number"
            ) from None
        mapping.setdefault(str(row.industry), {})[str(row.sector)] = weight
    return mapping


def _concordance(spec: str | None, table, industries: set[str]) -> tuple[Mapping | None, str]:
    """The concordance to use and its name (for notes and provenance)."""
    shipped = _shipped_concordances()
    if spec is not None:
        if spec in shipped:
            return shipped[spec], spec
        return _read_concordance(Path(spec)), spec
    sectors = {str(s) for s in table.sectors}
    if sectors <= industries:
        return None, "identity"
    for name, mapping in shipped.items():
        if sectors <= set(mapping.values()) and industries & set(mapping):
            return {k: v for k, v in mapping.items() if v in sectors}, name
    raise InputError(
        f"--employment: the panel's industries {sorted(industries)[:6]} are not the table's "
        f"sectors {sorted(sectors)[:6]}; give --concordance (a CSV industry,sector[,weight] or "
        f"one of {list(shipped)})"
    )


def _employment(spec: str, suppressed: SuppressedChoice | None):
    """The employment panel (long), its suppressed policy, source and credit."""
    if spec == "demo:kreise-wz":
        from clusterdialog.datasets import GENESIS_CREDIT, load_kreise_industries

        data = load_kreise_industries()
        return data, (suppressed or SuppressedChoice.zero).value, spec, GENESIS_CREDIT, None
    if spec.startswith("demo:"):
        raise InputError(f"--employment: unknown dataset {spec!r}; bundled is 'demo:kreise-wz'")
    path = Path(spec)
    data, _ = read_input(
        path, ReaderChoice.auto, region_col="region", industry_col="industry",
        value_col="value", period_col=None,
    )  # fmt: skip
    credit = getattr(data.attrs.get("provenance"), "details", {}).get("credit")
    return data, (suppressed or SuppressedChoice.error).value, str(path), credit, path


def _cluster_sectors(definition, cluster: str | None, table, concordance) -> tuple:
    """The cluster's code, name and member sectors of the table."""
    clusters = list(definition.clusters)
    if cluster is None:
        if len(clusters) != 1:
            raise InputError(
                f"--cluster: the definition has {len(clusters)} clusters {clusters[:8]}; name one"
            )
        cluster = clusters[0]
    if cluster not in clusters:
        raise InputError(f"--cluster: {cluster!r} is not in the definition; it has {clusters[:12]}")
    sectors = [str(s) for s in table.sectors]
    members, unknown = [], []
    for industry, assigned in definition.mapping.items():
        if assigned != cluster:
            continue
        target = industry if industry in sectors else (concordance or {}).get(industry)
        if isinstance(target, Mapping):
            target = max(target, key=target.get)
        if target in sectors:
            members.append(target)
        else:
            unknown.append(industry)
    if unknown:
        raise InputError(
            f"--cluster-definition: industries {unknown[:6]} of cluster {cluster!r} are not "
            f"sectors of the table (e.g. {sectors[:6]})"
        )
    ordered = tuple(s for s in sectors if s in set(members))
    return cluster, definition.names.get(cluster), ordered


@app.command()
def valuechain(
    table_path: Annotated[
        Path,
        typer.Argument(metavar="TABLE", help="Input-output table file, or demo:de-1995 (bundled)."),
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder for the tables and the report.")],
    format: Annotated[
        IOFormat, typer.Option("--format", help="Layout of TABLE.")
    ] = IOFormat.generic,
    employment: Annotated[
        str | None,
        typer.Option(
            "--employment",
            help="Regional employment panel (file as for measures, or demo:kreise-wz).",
        ),
    ] = None,
    region: Annotated[
        str | None, typer.Option("--region", help="Region key in the employment panel.")
    ] = None,
    method: Annotated[
        RegionalMethod, typer.Option("--method", help="Regionalisation method.")
    ] = RegionalMethod.flq,
    delta: Annotated[float, typer.Option("--delta", help="FLQ/AFLQ δ in [0, 1).")] = 0.3,
    concordance: Annotated[
        str | None,
        typer.Option(
            "--concordance",
            help="Panel industry → table sector: CSV (industry,sector[,weight]), "
            "wz-a10-cpa-a6 or wz-sections-cpa-a10 [default: detected].",
        ),
    ] = None,
    suppressed: Annotated[
        SuppressedChoice | None,
        typer.Option(help="Suppressed employment cells [default: error; zero for demo:…]."),
    ] = None,
    cluster_definition: Annotated[
        Path | None,
        typer.Option(
            "--cluster-definition",
            help="Cluster definitions CSV (industry, cluster[, cluster_name]).",
        ),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            help="The cluster of the definition to analyse; without --cluster-definition, "
            "the cluster's sectors (comma-separated table sectors or panel industries).",
        ),
    ] = None,
    lang: Annotated[Language, typer.Option(help="Language of report and messages.")] = Language.de,
) -> None:
    """Input-output analysis of TABLE: multipliers, linkages, regional table, cluster chain."""
    from clusterdialog.data.io_tables import read_io_table
    from clusterdialog.reports.valuechain import render_valuechain_html, valuechain_results

    text = TEXT[lang.value]
    with clear_errors(lang.value) as notes:
        if (employment is None) != (region is None):
            given = "--employment" if employment is not None else "--region"
            missing = "--region" if employment is not None else "--employment"
            raise InputError(f"{given} needs {missing}: regionalisation uses both")
        if str(table_path).startswith("demo:"):
            table = _demo_table(str(table_path))
            table_path = None
        else:
            table = read_io_table(table_path, format=format.value)
        panel = policy = credit = panel_path = mapping = None
        mapping_name = None
        if employment is not None:
            panel, policy, _, credit, panel_path = _employment(employment, suppressed)
            industries = set(panel["industry"].astype(str))
            mapping, mapping_name = _concordance(concordance, table, industries)
            err_console.print(
                text["valuechain_concordance"].format(name=mapping_name), highlight=False
            )
        definition_info = None
        if cluster_definition is not None:
            from clusterdialog.data.cluster_definitions import read_cluster_definitions

            definition = read_cluster_definitions(cluster_definition)
            definition_info = _cluster_sectors(definition, cluster, table, mapping)
        elif cluster is not None:
            # no definition file: --cluster lists the cluster's sectors (or panel industries)
            from clusterdialog.identify.definitions import ClusterDefinition

            codes = [c.strip() for c in cluster.split(",") if c.strip()]
            definition = ClusterDefinition(
                mapping=dict.fromkeys(codes, cluster), source="--cluster"
            )
            definition_info = _cluster_sectors(definition, cluster, table, mapping)
        period, at = _period(panel, text)
        cluster_code, cluster_name, members = definition_info or (None, None, ())
        results = valuechain_results(
            table, employment=panel, region=region, method=method.value, delta=delta,
            concordance=mapping, period=period, at=at, suppressed=policy or "error",
            cluster=cluster_code, cluster_name=cluster_name, cluster_sectors=members,
        )  # fmt: skip
        provenance = _provenance(
            table_path, table, format.value, notes, employment, panel_path, region,
            method.value, delta, mapping_name, policy, cluster_definition, definition_info,
        )  # fmt: skip
        results.credits = [c for c in (_table_credit(table), credit) if c]
        provenance["credits"] = results.credits
        with staging(out, xlsx=False) as stage:
            for name, frame in results.tables.items():
                stage.add(name, frame)
            files = [f"{name}.csv" for name in results.tables] + ["report.html", "provenance.json"]
            html = render_valuechain_html(
                results, lang=lang.value, source=_source_line(table, table_path),
                notes=list(notes.refresh()), provenance=provenance, files=files,
            )  # fmt: skip
            provenance["notes"] = list(notes)
            (stage.folder / "report.html").write_text(html, encoding="utf-8")
            written = stage.commit(provenance)
    out_console.print(text["valuechain_wrote"].format(n=len(written), out=out))


def _demo_table(spec: str):
    """A bundled input-output table: ``demo:de-1995`` (Eurostat manual, Germany 1995)."""
    if spec != "demo:de-1995":
        raise InputError(f"TABLE: unknown dataset {spec!r}; bundled is 'demo:de-1995'")
    from clusterdialog.datasets import load_de_1995_io_table

    return load_de_1995_io_table()


def _period(panel: pd.DataFrame | None, text: dict[str, str]) -> tuple[str | None, object]:
    """The panel's period column and the period to use: the latest, said in a note line."""
    if panel is None or "period" not in panel.columns:
        return None, None
    periods = sorted(panel["period"].dropna().unique().tolist())
    if len(periods) > 1:
        err_console.print(
            text["valuechain_period"].format(period=periods[-1], n=len(periods)),
            highlight=False,
        )
    return "period", periods[-1] if periods else None


def _table_credit(table) -> str | None:
    provenance = table.provenance
    return None if provenance is None else dict(provenance.details).get("credit")


def _source_line(table, path: Path | None) -> str:
    provenance = table.provenance
    if provenance is None:
        return path.name if path is not None else "–"
    parts = [str(provenance.source)] + ([str(provenance.table)] if provenance.table else [])
    return ", ".join(parts)


def _provenance(
    path, table, format, notes, employment, panel_path, region, method, delta,
    concordance, policy, definition_path, definition_info,
) -> dict:  # fmt: skip
    class _Sectors:  # what run_provenance reads from a panel
        regions = pd.Index([])
        industries = table.sectors
        periods = (None,)
        provenance = table.provenance

    info = run_provenance(path, _Sectors, f"io_tables.{format}", policy or "–", notes)
    for key in ("regions", "industries", "periods", "suppressed"):
        info.pop(key, None)
    info["sectors"] = table.n
    info["unit"] = table.unit
    info["parameters"] = {
        "format": format,
        "employment": employment,
        "region": region,
        "method": method if region else None,
        "delta": delta if region else None,
        "concordance": concordance,
        "suppressed": policy,
        "cluster_definition": str(definition_path) if definition_path else None,
        "cluster": definition_info[0] if definition_info else None,
        "cluster_sectors": list(definition_info[2]) if definition_info else None,
    }
    if panel_path is not None:
        info["employment_sha256"] = sha256(panel_path)
    return info
