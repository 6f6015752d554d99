from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from waitress import serve

from reunite.wsgi import application


def proxy_options() -> dict:
    """waitress's options for a TLS-terminating reverse proxy (REUNITE_BEHIND_PROXY=1, docs/deploy.md).

    waitress drops every X-Forwarded-* header unless it comes from the trusted proxy's address; from it, the
    scheme (https) and the client's address are taken, so the app sees the request as the browser made it."""
    if not getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return {}
    return {
        "trusted_proxy": settings.TRUSTED_PROXY,
        "trusted_proxy_count": 1,
        "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for"},
    }


class Command(BaseCommand):
    help = "Serve the web app (waitress) after bringing the database schema up to date."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, threads, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"Serving reunite on http://{host}:{port}/ (Ctrl+C to stop)")
        if proxy := proxy_options():
            self.stdout.write(f"Trusting the forwarded scheme and client address from {proxy['trusted_proxy']} only")
        self.stdout.flush()
        serve(application, host=host, port=port, threads=threads, ident="reunite", **proxy_options())
