"""Small JSON lookups for the pages' as-you-type fields (login required, like every page)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from reunite.places.resolve import AMBIGUOUS_WITHIN, MATCHED, resolve

SUGGESTIONS = 8
# As one types, the closest places are worth showing before any of them matches; below this they are noise.
SUGGESTION_FLOOR = 0.4
QUERY_CHARS = 200


@require_GET
def place_suggestions(request: HttpRequest) -> JsonResponse:
    """GET q → {"suggestions": [{label, code, score, ambiguous}, …]}, best first, at most eight.

    `ambiguous` marks the suggestions the resolver cannot choose between (the text fits them equally well)."""
    query = request.GET.get("q", "").strip()[:QUERY_CHARS]
    if not query:
        return JsonResponse({"suggestions": []})
    resolution = resolve(query, limit=SUGGESTIONS)
    top = resolution.candidates[0].score if resolution.candidates else 0.0
    suggestions = [
        {
            "label": c.label,
            "code": c.code,
            "score": c.score,
            "ambiguous": resolution.ambiguous and c.score >= MATCHED and top - c.score <= AMBIGUOUS_WITHIN,
        }
        for c in resolution.candidates
        if c.score >= SUGGESTION_FLOOR
    ]
    return JsonResponse({"suggestions": suggestions})
