"""Reading and checking participation files (the first half of :mod:`.imports`).

Every row is parsed and checked before anything is written; each problem is
recorded with its row (the line of the file), column, value and what was
expected.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd
from django.utils.translation import gettext_lazy as _

from clusterdialog.errors import InputError
from clusterdialog.web.directory.models import OrganisationType
from clusterdialog.web.networks.models import ParticipationRole

__all__ = [
    "CORDIS_TYPE_MAP",
    "FORMATS",
    "ImportProblem",
    "ImportReport",
    "ParsedRow",
    "check_rows",
    "normalise_name",
    "read_programme_parts",
    "read_rows",
    "select_rows",
]

FORMATS = ("generic", "cordis")
#: CORDIS activity type → directory organisation type.
CORDIS_TYPE_MAP = {
    "PRC": OrganisationType.FIRM_SME,
    "HES": OrganisationType.UNIVERSITY,
    "REC": OrganisationType.RESEARCH,
    "PUB": OrganisationType.PUBLIC,
    "OTH": OrganisationType.OTHER,
}
_ROLES = {
    "coordinator": ParticipationRole.COORDINATOR,
    "koordinator": ParticipationRole.COORDINATOR,
    "participant": ParticipationRole.PARTICIPANT,
    "teilnehmer": ParticipationRole.PARTICIPANT,
    "beneficiary": ParticipationRole.PARTICIPANT,
    "partner": ParticipationRole.PARTNER,
    "associatedpartner": ParticipationRole.PARTNER,
    "thirdparty": ParticipationRole.PARTNER,
    "internationalpartner": ParticipationRole.PARTNER,
}
_ALIASES = {
    "generic": {
        "projekt": "project", "project_title": "project", "titel": "project",
        "title": "project", "organisation_name": "organisation", "organization": "organisation",
        "organisationsname": "organisation", "rolle": "role", "beitrag": "contribution",
        "foerderung": "contribution", "förderung": "contribution", "akronym": "acronym",
        "beginn": "start", "start_date": "start", "ende": "end", "end_date": "end",
        "programm": "programme", "program": "programme", "foerderprogramm": "programme",
        "förderprogramm": "programme", "gesamtfoerderung": "total_funding",
        "gesamtförderung": "total_funding", "projekt_id": "project_id",
        "external_id": "project_id", "type": "organisation_type",
        "organisationstyp": "organisation_type", "typ": "organisation_type",
        "ort": "city", "stadt": "city", "plz": "postcode", "postleitzahl": "postcode",
    },
    "cordis": {
        "projectid": "rcn", "organisationid": "pic", "activitytype": "type",
        "eccontribution": "contribution", "postcode": "postcode", "projectacronym": "acronym",
        "startdate": "start_date", "enddate": "end_date", "ecmaxcontribution": "max_contribution",
    },
}  # fmt: skip
_REQUIRED = {"generic": ["project", "organisation"], "cordis": ["rcn", "pic", "type", "role"]}
_LEGAL_FORMS = {
    "gmbh", "mbh", "ag", "kg", "ug", "se", "ev", "eg", "ggmbh", "co", "ohg", "kgaa", "gbr",
    "haftungsbeschrankt", "ltd", "inc", "sa", "sarl", "bv", "nv", "spa", "srl", "plc",
}  # fmt: skip
_MISSING = {"", "na", "nan", "none", "null", "-"}
MAX_PROBLEMS = 1000


@dataclass
class ImportProblem:
    """One problem of one row: where, what was found and what was expected."""

    row: int
    column: str
    value: str
    expected: str


@dataclass
class ImportReport:
    """The outcome of an import: counts, or the problems that stopped it."""

    format: str
    rows_read: int = 0
    rows_selected: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    projects_created: int = 0
    projects_updated: int = 0
    organisations_matched: int = 0
    organisations_created: int = 0
    participations_created: int = 0
    participations_updated: int = 0
    dry_run: bool = False
    imported: bool = False
    notes: list[str] = field(default_factory=list)

    def add(self, row: int, column: str, value: object, expected: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(ImportProblem(row, column, str(value)[:200], str(expected)))

    def as_dict(self) -> dict:
        data = {k: v for k, v in self.__dict__.items() if k != "problems"}
        data["problems"] = [p.__dict__ for p in self.problems]
        return data

    def problems_csv(self) -> str:
        """The problems as CSV (row, column, value, expected)."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["row", "column", "value", "expected"])
        for p in self.problems:
            writer.writerow([p.row, p.column, p.value, p.expected])
        return out.getvalue()


def normalise_name(name: str) -> str:
    """A name for matching: case, accents, umlauts, punctuation and legal forms removed.

    >>> normalise_name("Müller Präzisionstechnik GmbH & Co. KG")
    'mueller praezisionstechnik'
    >>> normalise_name("  Universität  Stuttgart ")
    'universitaet stuttgart'
    """
    text = str(name).casefold().replace("ß", "ss")
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        text = text.replace(umlaut, plain)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\be\.\s?v\.", " ev ", text)
    text = re.sub(r"[^0-9a-z]+", " ", text)
    words = text.split()
    while words and words[-1] in _LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def _key(column: object) -> str:
    return re.sub(r"\s+", "_", str(column).strip().casefold())


def read_rows(source, name: str, fmt: str) -> pd.DataFrame:
    """Read a CSV (also gzip-compressed) or XLSX file into text columns with canonical names.

    ``source`` is a path or a binary file object; ``name`` its file name (for
    the format).  Raises :class:`InputError` for an unknown format, an
    unreadable file or missing required columns.
    """
    if fmt not in FORMATS:
        raise InputError(f"format: expected one of {list(FORMATS)}, got {fmt!r}")
    lower = name.lower()
    raw = Path(source).read_bytes() if isinstance(source, str | Path) else source.read()
    if lower.endswith(".xlsx"):
        if not raw.startswith(b"PK\x03\x04"):
            raise InputError(f"{name}: not an XLSX workbook (the content is not a zip archive)")
        try:
            frame = pd.read_excel(io.BytesIO(raw), dtype=str, na_filter=False)
        except Exception as error:  # openpyxl raises many kinds
            raise InputError(f"{name}: cannot read the workbook ({error})") from None
    elif lower.endswith((".csv", ".csv.gz", ".txt")):
        if lower.endswith(".gz"):
            if not raw.startswith(b"\x1f\x8b"):
                raise InputError(f"{name}: not a gzip file although the name ends in .gz")
            raw = gzip.decompress(raw)
        if b"\x00" in raw[:4096]:
            raise InputError(f"{name}: not a text file (it holds binary data)")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        first = text.split("\n", 1)[0]
        sep = max((";", ",", "\t"), key=first.count)
        frame = pd.read_csv(
            io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_filter=False
        )
    else:
        raise InputError(f"{name}: expected a .csv, .csv.gz or .xlsx file")
    aliases = _ALIASES[fmt]
    frame.columns = [aliases.get(_key(c), _key(c)) for c in frame.columns]
    missing = [c for c in _REQUIRED[fmt] if c not in frame.columns]
    if missing:
        raise InputError(
            f"{name}: the columns {missing} are missing; expected at least {_REQUIRED[fmt]}, "
            f"found {list(frame.columns)}"
        )
    return frame.astype(str).apply(lambda column: column.str.strip())


def _missing(value: str) -> bool:
    return value.casefold() in _MISSING


def _amount(value: str) -> Decimal | None:
    """A money amount: ``1234.5``, ``1.234,50`` or ``1,234.50`` (euro sign allowed)."""
    text = value.replace("€", "").replace("EUR", "").replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?|-?\d+,\d+", text):
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(value) from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(value)
    return amount.quantize(Decimal("0.01"))


def _date(value: str) -> date:
    for pattern in (r"(\d{4})-(\d{2})-(\d{2})", r"(\d{2})\.(\d{2})\.(\d{4})"):
        match = re.fullmatch(pattern, value)
        if match:
            parts = [int(p) for p in match.groups()]
            year, month, day = parts if pattern.startswith(r"(\d{4})") else parts[::-1]
            return date(year, month, day)
    raise ValueError(value)


def _organisation_type(value: str) -> str | None:
    if value.upper() in CORDIS_TYPE_MAP:
        return CORDIS_TYPE_MAP[value.upper()]
    for choice, label in OrganisationType.choices:
        if value.casefold() in (choice, str(label).casefold()):
            return choice
    return None


@dataclass
class ParsedRow:
    line: int
    project_key: str
    organisation_key: str
    organisation_name: str
    organisation_type: str
    role: str
    contribution: Decimal | None
    project: dict
    organisation: dict


def check_rows(report: ImportReport, frame: pd.DataFrame, fmt: str) -> list[ParsedRow]:
    """Validate every row; return the parsed rows (meaningful only without problems)."""
    rows = []
    has = set(frame.columns)
    for position, record in enumerate(frame.to_dict(orient="records")):
        line = int(frame.index[position]) + 2  # header is line 1
        value = {k: ("" if _missing(v) else v) for k, v in record.items()}

        def problem(column: str, expected, value=value, line=line) -> None:
            report.add(line, column, value.get(column, ""), expected)

        role = _ROLES.get(re.sub(r"[^a-z]", "", value.get("role", "").casefold()))
        if "role" in has and value.get("role") and role is None:
            problem("role", _("coordinator, participant or partner"))
        contribution = None
        if value.get("contribution"):
            try:
                contribution = _amount(value["contribution"])
            except ValueError:
                problem("contribution", _("an amount in EUR (≥ 0) or an empty cell"))
        dates = {}
        for column, target in (("start", "start"), ("end", "end"), ("start_date", "start"),
                               ("end_date", "end")):  # fmt: skip
            if value.get(column):
                try:
                    dates[target] = _date(value[column])
                except ValueError:
                    problem(column, _("a date as YYYY-MM-DD or DD.MM.YYYY"))
        if dates.get("start") and dates.get("end") and dates["end"] < dates["start"]:
            problem("end" if "end" in has else "end_date", _("an end not before the start"))
        funding_column = "max_contribution" if fmt == "cordis" else "total_funding"
        total = None
        if value.get(funding_column):
            try:
                total = _amount(value[funding_column])
            except ValueError:
                problem(funding_column, _("an amount in EUR (≥ 0) or an empty cell"))
        project = {"start": dates.get("start"), "end": dates.get("end"), "total_funding": total,
                   "acronym": value.get("acronym", "")[:60]}  # fmt: skip
        organisation = {
            "city": value.get("city", "")[:120],
            "postcode": value.get("postcode", "")[:10],
        }
        if fmt == "cordis":
            pic, rcn, kind = value.get("pic", ""), value.get("rcn", ""), value.get("type", "")
            if not re.fullmatch(r"\d{6,12}", pic):
                problem("pic", _("a participant identification code (PIC) of digits"))
            if not rcn:
                problem("rcn", _("a project number"))
            if kind.upper() not in CORDIS_TYPE_MAP:
                problem("type", _("a CORDIS activity type: PRC, HES, REC, PUB or OTH"))
            if role is None and not value.get("role"):
                problem("role", _("coordinator, participant or partner"))
            name = value.get("name", "")[:255]
            project.update(external_id=rcn, title=value.get("title", "")[:500])
            rows.append(ParsedRow(line, rcn, pic, name, CORDIS_TYPE_MAP.get(kind.upper(), "other"),
                             role or ParticipationRole.PARTICIPANT, contribution, project,
                             organisation))  # fmt: skip
            continue
        title, name = value.get("project", ""), value.get("organisation", "")
        if not title:
            problem("project", _("the project's title"))
        if not name:
            problem("organisation", _("the organisation's name"))
        kind = OrganisationType.OTHER
        if value.get("organisation_type"):
            kind = _organisation_type(value["organisation_type"])
            if kind is None:
                choices = ", ".join([c for c, _label in OrganisationType.choices] + ["PRC … OTH"])
                problem("organisation_type", _("an organisation type (%(choices)s)") % {
                    "choices": choices})  # fmt: skip
        external = value.get("project_id", "")[:80]
        project.update(external_id=external, title=title[:500],
                       programme=value.get("programme", "")[:200])  # fmt: skip
        key = f"id:{external}" if external else f"title:{normalise_name(title)}"
        rows.append(ParsedRow(line, key, normalise_name(name), name[:255], kind or "other",
                         role or ParticipationRole.PARTICIPANT, contribution, project,
                         organisation))  # fmt: skip
    return rows


def select_rows(frame: pd.DataFrame, country, postcodes, cities) -> pd.DataFrame:
    """Apply the country, postcode and city filters (CORDIS); InputError without the column."""
    keep = pd.Series(True, index=frame.index)
    for value, column in ((country, "country"), (postcodes, "postcode"), (cities, "city")):
        if value and column not in frame.columns:
            raise InputError(
                f"{column}: the file has no {column!r} column to filter on; "
                f"found {list(frame.columns)}"
            )
    if country:
        keep &= frame["country"].str.upper() == country.upper()
    if postcodes:
        prefixes = tuple(p.strip() for p in postcodes if p.strip())
        keep &= frame["postcode"].str.replace(r"\D", "", regex=True).str.startswith(prefixes)
    if cities:
        wanted = {c.strip().casefold() for c in cities if c.strip()}
        keep &= frame["city"].str.casefold().isin(wanted)
    return frame[keep]


def read_programme_parts(path: str | Path) -> dict[str, str]:
    """CORDIS project number → H2020 programme part (first one listed)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return dict(frame.drop_duplicates("rcn")[["rcn", "programme_part"]].itertuples(index=False))
