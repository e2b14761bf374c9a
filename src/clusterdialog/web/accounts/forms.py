"""Sign-in form: e-mail address and password."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

__all__ = ["EmailAuthenticationForm"]


class EmailAuthenticationForm(AuthenticationForm):
    """Django's sign-in form with the e-mail address as user name."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()
