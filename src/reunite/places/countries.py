"""Countries (ISO 3166, from `pycountry`) by any of the names sources give them, in the users' languages."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry

from reunite.names import fold

Country = type(pycountry.countries.get(alpha_2="TR"))
# The languages testimonies and lists are written in; pycountry ships their translations of country names.
_LANGUAGES = ("tr", "de", "ru", "zh_CN", "ug", "kk", "it", "fr", "nl", "sv", "ar")


@cache
def _index() -> dict[str, Country]:
    index: dict[str, Country] = {}
    translations = []
    for language in _LANGUAGES:
        try:
            translations.append(gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language]))
        except OSError:
            continue
    for country in pycountry.countries:
        english = [getattr(country, a, "") for a in ("name", "official_name", "common_name")]
        names = [*english, country.alpha_3, *(t.gettext(n) for t in translations for n in english if n)]
        for name in filter(None, names):
            index.setdefault(fold(name), country)
    # Names in everyday use that ISO has since changed.
    for name, code in (
        ("turkey", "TR"),
        ("russia", "RU"),
        ("usa", "US"),
        ("america", "US"),
        ("uk", "GB"),
        ("england", "GB"),
        ("holland", "NL"),
        ("kyrgyzstan", "KG"),
        ("china", "CN"),
    ):
        index.setdefault(name, pycountry.countries.get(alpha_2=code))
    return index


def country_named(text: str) -> Country | None:
    return _index().get(fold(text))
