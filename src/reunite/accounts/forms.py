from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice


class CodeForm(forms.Form):
    """The 6-digit code of a user's authenticator, checked against their device. django-otp throttles a device
    after a wrong code (1, 2, 4 … seconds before the next is tried) and refuses a code used once already."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]{6}", "autofocus": True}
        ),
    )

    def __init__(self, device: TOTPDevice, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise ValidationError(
                _("Too many wrong codes in a row: wait a minute, then type the code your app shows at that moment.")
            )
        if not (code.isdigit() and len(code) == 6 and self.device.verify_token(code)):
            raise ValidationError(
                _(
                    "This code is not right. Type the 6 digits your app shows now for reunite (they change every "
                    "30 seconds; each code works once). If it keeps failing, check the phone's clock."
                )
            )
        return code
