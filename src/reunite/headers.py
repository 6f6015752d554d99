"""Response headers Django does not set itself."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Sends `settings.PERMISSIONS_POLICY`: the browser features (camera, microphone, location …) that no page
    of reunite uses are refused to every page, and to anything injected into one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if policy := getattr(settings, "PERMISSIONS_POLICY", ""):
            response.headers.setdefault("Permissions-Policy", policy)
        return response
