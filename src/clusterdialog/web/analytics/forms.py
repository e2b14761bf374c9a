"""Upload of a statistics table with its column mapping."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

__all__ = ["DatasetUploadForm", "MAX_DATASET_BYTES", "DATASET_EXTENSIONS"]

#: Largest table accepted (50 MB; larger panels belong in the command line).
MAX_DATASET_BYTES = 50 * 1024 * 1024
DATASET_EXTENSIONS = (".csv", ".txt", ".tsv", ".csv.gz", ".xlsx", ".parquet")


class DatasetUploadForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("A long table (CSV, XLSX or Parquet) or a GENESIS/Regionalstatistik CSV."),
    )
    reader = forms.ChoiceField(
        label=_("Format"),
        choices=[
            ("table", _("Long table with a header row")),
            ("genesis", _("GENESIS / Regionalstatistik export")),
        ],
    )
    region = forms.CharField(label=_("Column of the region key"), initial="region")
    industry = forms.CharField(label=_("Column of the industry key"), initial="industry")
    period = forms.CharField(label=_("Column of the year"), initial="period")
    value = forms.CharField(label=_("Column of the employment figure"), initial="value")
    credit = forms.CharField(
        label=_("Credit line of the publisher"), required=False, max_length=300
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith(DATASET_EXTENSIONS):
            raise forms.ValidationError(
                _("Files of this type are not accepted; allowed are: %(allowed)s.")
                % {"allowed": ", ".join(DATASET_EXTENSIONS)}
            )
        if upload.size > MAX_DATASET_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        head = upload.read(8)
        upload.seek(0)
        suffix = Path(name).suffix
        expected = {".xlsx": b"PK\x03\x04", ".parquet": b"PAR1", ".gz": b"\x1f\x8b"}.get(suffix)
        if expected is not None and not head.startswith(expected):
            raise forms.ValidationError(_("The content of the file does not match its type."))
        if expected is None and b"\x00" in upload.read(4096):
            upload.seek(0)
            raise forms.ValidationError(_("The content of the file does not match its type."))
        upload.seek(0)
        return upload

    def reader_options(self) -> dict:
        data = self.cleaned_data
        if data["reader"] == "genesis":
            return {}
        options = {
            "region": data["region"],
            "industry": data["industry"],
            "period": data["period"],
            "value": data["value"],
        }
        if data.get("credit"):
            options["credit"] = data["credit"]
        return options
