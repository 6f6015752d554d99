from django.core.management import call_command
from django.core.management.base import BaseCommand
from waitress import serve

from reunite.wsgi import application


class Command(BaseCommand):
    help = "Serve the web app (waitress) after bringing the database schema up to date."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, threads, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"Serving reunite on http://{host}:{port}/ (Ctrl+C to stop)")
        self.stdout.flush()
        serve(application, host=host, port=port, threads=threads, ident="reunite")
