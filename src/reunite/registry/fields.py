"""`PartialDateField`: one partial date, stored as its canonical text plus two indexed bounds.

The text column is the value (forms, admin and exports see a `PartialDate`); the `<name>_earliest` and
`<name>_latest` date columns exist so the database can sort and filter ("latest last contact") without
parsing text. The bounds are written from the value on every save, so they cannot drift from it.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from reunite.dates import PartialDate, PartialDateError, parse


class PartialDateFormField(forms.CharField):
    def __init__(self, **kwargs):
        # The value is a PartialDate, not text; its canonical form always fits the column.
        kwargs.pop("max_length", None)
        kwargs.setdefault("help_text", "2016-05-12, 2016-05, May 2017, 2016, about 1974, or a range 2015/2017")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "" if value is None else str(value)

    def to_python(self, value) -> PartialDate | None:
        if isinstance(value, PartialDate):
            return value
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse(text)
        except PartialDateError as exc:
            raise ValidationError(str(exc), code="invalid") from None


class PartialDateBound(models.DateField):
    """One bound of a `PartialDateField`, derived from it; never edited on its own."""

    def __init__(self, *args, source: str, bound: str, **kwargs):
        self.source, self.bound = source, bound
        kwargs.update(null=True, blank=True, editable=False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key in ("null", "blank", "editable"):
            kwargs.pop(key, None)
        kwargs.update(source=self.source, bound=self.bound)
        return name, path, args, kwargs

    def contribute_to_class(self, cls, name, **kwargs):
        # The source field adds its bounds itself; migrations add them again by name.
        if not any(f.name == name for f in cls._meta.local_fields):
            super().contribute_to_class(cls, name, **kwargs)

    def pre_save(self, model_instance, add):
        value = model_instance._meta.get_field(self.source).to_python(getattr(model_instance, self.source))
        bound = None if value is None else getattr(value, self.bound)
        setattr(model_instance, self.attname, bound)
        return bound


class PartialDateField(models.CharField):
    description = "A date known to the day, month or year, or a range"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 23)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 23:
            del kwargs["max_length"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if cls._meta.abstract:
            return
        for bound in ("earliest", "latest"):
            bound_name = f"{name}_{bound}"
            if not any(f.name == bound_name for f in cls._meta.local_fields):
                cls.add_to_class(bound_name, PartialDateBound(source=name, bound=bound, db_index=True))

    def from_db_value(self, value, expression, connection) -> PartialDate | None:
        return parse(value) if value else None

    def to_python(self, value) -> PartialDate | None:
        if value is None or isinstance(value, PartialDate):
            return value
        if not value:
            return None
        try:
            return parse(value)
        except PartialDateError as exc:
            raise ValidationError(str(exc), code="invalid") from None

    def run_validators(self, value) -> None:
        # CharField's validators (max length) check the stored text, not the PartialDate.
        super().run_validators(self.get_prep_value(value))

    def get_prep_value(self, value) -> str:
        value = self.to_python(value)
        return "" if value is None else str(value)

    def value_to_string(self, obj) -> str:
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PartialDateFormField, **kwargs})
