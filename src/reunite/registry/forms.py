from __future__ import annotations

from django import forms

from reunite.registry.models import Withdrawal


class WithdrawalForm(forms.ModelForm):
    """How the witness asked: a choice, never their words or who passed the request on."""

    class Meta:
        model = Withdrawal
        fields = ["how"]
