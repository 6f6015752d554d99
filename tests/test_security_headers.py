"""The headers every page carries (content policy, framing, referrer, opener, features), and what production adds:
https only, Secure cookies, HSTS; production refuses to start in debug mode or with a weak secret key.

Production is a separate process with REUNITE_ENV=production (settings are read once, at start), its own
REUNITE_HOME and an invented host name.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
HOST = "reunite.example.org"


def policy(header: str) -> dict[str, str]:
    return {name: value for name, _, value in (part.strip().partition(" ") for part in header.split(";"))}


@pytest.fixture(params=["/", "/cases/", "/search/?q=Adil", "/testimonies/new/", "/import/", "/export/"])
def page(request, logged_in):
    response = logged_in.get(request.param)
    assert response.status_code == 200
    return response


def test_every_page_has_the_content_policy(page):
    assert policy(page.headers["Content-Security-Policy"]) == DIRECTIVES


def test_no_page_allows_inline_code_or_eval(page):
    header = page.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header and "unsafe-hashes" not in header


def test_the_login_page_has_the_content_policy_too(client, db):
    assert policy(client.get("/accounts/login/").headers["Content-Security-Policy"]) == DIRECTIVES


def test_pages_cannot_be_framed(page):
    assert page.headers["X-Frame-Options"] == "DENY"


def test_links_leave_no_referrer_to_other_sites(page):
    assert page.headers["Referrer-Policy"] == "same-origin"


def test_other_windows_get_no_handle_on_the_page(page):
    assert page.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_content_types_are_not_sniffed(page):
    assert page.headers["X-Content-Type-Options"] == "nosniff"


def test_unused_browser_features_are_refused(page):
    features = page.headers["Permissions-Policy"]
    assert all(f"{feature}=()" in features for feature in ("camera", "microphone", "geolocation", "payment"))


def test_the_development_server_answers_plain_http(client, db):
    """`make demo` serves http://127.0.0.1:8000: no redirect, no HSTS."""
    response = client.get("/accounts/login/")
    assert response.status_code == 200 and "Strict-Transport-Security" not in response.headers


# -------------------------------------------------------------------------------------------------- production


def production_env(home: Path, **changes: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REUNITE_") and k != "DATABASE_URL"}
    env |= {
        "REUNITE_ENV": "production",
        "REUNITE_HOME": str(home),
        "REUNITE_SECRET_KEY": secrets.token_urlsafe(50),
        "REUNITE_DB_KEY": secrets.token_hex(32),
        "REUNITE_ALLOWED_HOSTS": HOST,
        "DJANGO_SETTINGS_MODULE": "reunite.settings",
    }
    return {k: v for k, v in (env | changes).items() if v is not None}


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, timeout=300)


def test_the_deploy_check_finds_nothing_in_production(tmp_path):
    done = run(["-m", "reunite", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path))
    assert done.returncode == 0, done.stderr + done.stdout
    assert "System check identified no issues" in done.stdout


# What a browser meets in production: http redirected, then on https HSTS and cookies only sent back over https.
BROWSE = textwrap.dedent(
    """
    import json
    import django
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    get_user_model().objects.create_user("someone", password="a long enough secret")
    client = Client(HTTP_HOST="@HOST@")
    plain = client.get("/accounts/login/")
    page = client.get("/accounts/login/", secure=True)
    login = client.post("/accounts/login/", {"username": "someone", "password": "a long enough secret"}, secure=True)
    cookies = {**page.cookies, **login.cookies}
    print(json.dumps({
        "plain": [plain.status_code, plain.headers.get("Location")],
        "hsts": page.headers.get("Strict-Transport-Security"),
        "cookies": {name: [bool(m["secure"]), bool(m["httponly"]), m["path"]] for name, m in cookies.items()},
        "names": [settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME],
    }))
    """
).replace("@HOST@", HOST)


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> dict:
    done = run(["-c", BROWSE], production_env(tmp_path_factory.mktemp("production")))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_production_redirects_http_to_https(production):
    assert production["plain"] == [301, f"https://{HOST}/accounts/login/"]


def test_production_sends_hsts_for_a_year_with_subdomains(production):
    assert production["hsts"] == "max-age=31536000; includeSubDomains"


def test_production_cookies_are_secure_and_kept_from_scripts(production):
    session, csrf = production["names"]
    assert session.startswith("__Host-") and csrf.startswith("__Host-")
    assert production["cookies"][session] == [True, True, "/"]
    assert production["cookies"][csrf] == [True, True, "/"]


def _starts(env: dict[str, str]) -> subprocess.CompletedProcess:
    return run(["-c", "import django; django.setup()"], env)


def test_production_refuses_debug(tmp_path):
    done = _starts(production_env(tmp_path, REUNITE_DEBUG="1"))
    assert done.returncode != 0 and "ImproperlyConfigured" in done.stderr and "REUNITE_DEBUG" in done.stderr


def test_production_refuses_the_demo_login_exemption(tmp_path):
    done = _starts(production_env(tmp_path, REUNITE_DEMO="1"))
    assert done.returncode != 0 and "REUNITE_DEMO" in done.stderr


def test_production_refuses_a_weak_key(tmp_path):
    done = _starts(production_env(tmp_path, REUNITE_SECRET_KEY="secret"))
    assert done.returncode != 0 and "too weak" in done.stderr


def test_production_does_not_invent_a_key(tmp_path):
    done = _starts(production_env(tmp_path, REUNITE_SECRET_KEY=None))
    assert done.returncode != 0 and "needs a secret key" in done.stderr and not (tmp_path / "secret_key").exists()


def test_production_refuses_a_key_file_others_can_read(tmp_path):
    key = tmp_path / "secret_key"
    key.write_text(secrets.token_urlsafe(50))
    key.chmod(0o644)
    done = _starts(production_env(tmp_path, REUNITE_SECRET_KEY=None))
    assert done.returncode != 0 and "chmod 600" in done.stderr


def test_production_takes_a_key_file_of_its_owner_only(tmp_path):
    key = tmp_path / "secret_key"
    key.write_text(secrets.token_urlsafe(50))
    key.chmod(0o600)
    assert _starts(production_env(tmp_path, REUNITE_SECRET_KEY=None)).returncode == 0


def test_an_unknown_environment_is_refused(tmp_path):
    done = _starts(production_env(tmp_path, REUNITE_ENV="staging"))
    assert done.returncode != 0 and "REUNITE_ENV" in done.stderr


def test_the_server_behind_a_proxy_trusts_only_that_proxy(settings):
    from reunite.registry.management.commands.serve import proxy_options

    assert proxy_options() == {}
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXY = "10.0.0.2"
    assert proxy_options() == {
        "trusted_proxy": "10.0.0.2",
        "trusted_proxy_count": 1,
        "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for"},
    }
