"""Small JSON lookups for the pages' as-you-type fields (login required, like every page)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET, require_POST

from reunite.ids import parse_resident_id
from reunite.places import gazetteer
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


@require_POST
def id_details(request: HttpRequest) -> JsonResponse:
    """POST number → what a resident ID number says, to fill the intake form as one types.

    POST, not GET: an ID number must not end up in a URL, a browser history or a server log."""
    rid = parse_resident_id(request.POST.get("number", "")[:QUERY_CHARS])
    place = gazetteer().by_code(rid.birthplace_code) if rid.birthplace_code and not rid.malformed else None
    return JsonResponse(
        {
            "readable": not rid.malformed,
            "problems": list(rid.problems),
            "birth_date": rid.birth_date.isoformat() if rid.birth_date and not rid.malformed else "",
            "sex": rid.sex if not rid.malformed else "",
            "birthplace": place.label if place else "",
        }
    )
