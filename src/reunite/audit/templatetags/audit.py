import json

from django import template
from django.urls import reverse

from reunite.audit.models import Entry

register = template.Library()

# The page of each kind of record the app has a page for.
PAGES = {
    "registry.person": "person_detail",
    "cases.case": "case_detail",
    "review.matchcandidate": "candidate_detail",
}


@register.filter
def detail_text(detail: dict) -> str:
    """An entry's detail as "key: value; key: 1, 2" (nested values as JSON)."""

    def text(value) -> str:
        if isinstance(value, list):
            return ", ".join(map(text, value))
        return json.dumps(value, sort_keys=True, ensure_ascii=False) if isinstance(value, dict) else str(value)

    return "; ".join(f"{key}: {text(value)}" for key, value in sorted(detail.items()))


@register.filter
def page_of(entry: Entry) -> str:
    """The page of the entry's record, if it has one; "" otherwise."""
    page = PAGES.get(entry.object_type)
    return reverse(page, args=[entry.object_id]) if page and entry.object_id.isdigit() else ""
