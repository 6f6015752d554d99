"""Django settings, all read from the environment.

REUNITE_HOME      folder for the embedded database and local files (default: ./var)
DATABASE_URL      e.g. postgres://user@host:5432/reunite (default: SQLite in REUNITE_HOME)
REUNITE_DB_KEY    the embedded database's key, 64 hex characters; or REUNITE_DB_KEY_FILE, a file holding it;
                  without either, REUNITE_HOME/db.key, generated with a new database (docs/encryption.md)
REUNITE_SECRET_KEY  signing key; without it one is generated once into REUNITE_HOME/secret_key
REUNITE_DEBUG     "1" for development error pages
The trained record-linkage model lives in REUNITE_HOME/linkage/model.json (`reunite link train`).
REUNITE_ALLOWED_HOSTS  comma-separated (default: 127.0.0.1,localhost)
REUNITE_DEMO      "1" on the demo server only (`make demo`): logins skip the second factor
                  (TWO_FACTOR_REQUIRED). Anywhere else every account logs in with a code from an
                  authenticator app (docs/accounts.md).

Running for real (docs/deploy.md):
REUNITE_ENV       "production" serves over HTTPS only: redirects http to https, Secure session and CSRF
                  cookies, HSTS for a year on the host and its subdomains. It refuses to start with
                  REUNITE_DEBUG=1 or REUNITE_DEMO=1, or without a strong secret key (REUNITE_SECRET_KEY or an existing
                  REUNITE_HOME/secret_key readable by its owner only: production never invents one).
                  Default "development": plain http, as `make demo` serves on 127.0.0.1:8000.
REUNITE_BEHIND_PROXY  "1" when a reverse proxy terminates TLS in front of the app: it is trusted to say the
                  request came over https (X-Forwarded-Proto); it must set that header itself, never pass
                  on a client's. `reunite serve` then trusts that proxy's forwarded headers only.
REUNITE_TRUSTED_PROXY  the proxy's address, as `reunite serve` sees it (default 127.0.0.1)
REUNITE_CSRF_TRUSTED_ORIGINS  comma-separated origins (https://reunite.example.org) forms may be posted from,
                  when the proxy's public origin is not the Host it passes on
REUNITE_SECRET_KEY_FALLBACKS  comma-separated former keys, while rotating (sessions and audit entries
                  signed with them still verify)
REUNITE_HSTS_PRELOAD  "1" adds "preload" to HSTS: only once the whole domain is meant to be on the browsers'
                  HTTPS-only list (https://hstspreload.org); a decision for the domain's owner
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

HOME = Path(os.environ.get("REUNITE_HOME", "var")).resolve()
HOME.mkdir(parents=True, exist_ok=True)

ENVIRONMENT = os.environ.get("REUNITE_ENV", "development")
if ENVIRONMENT not in ("development", "production"):
    raise ImproperlyConfigured(f"REUNITE_ENV is {ENVIRONMENT!r}: it is either development or production.")
PRODUCTION = ENVIRONMENT == "production"
# One line an administrator can run to make a key file (in docs/deploy.md too).
MAKE_KEY = "(umask 077; python3 -c 'import secrets; print(secrets.token_urlsafe(50))' > {path})"


def _strong(key: str) -> bool:
    """A key as Django's deploy check wants it (security.W009): 50 characters or more, 5 different ones or more,
    not one of Django's generated development keys."""
    return len(key) >= 50 and len(set(key)) >= 5 and not key.startswith("django-insecure")


def _secret_key() -> str:
    if key := os.environ.get("REUNITE_SECRET_KEY"):
        source = "REUNITE_SECRET_KEY"
    else:
        path = HOME / "secret_key"
        source = str(path)
        if not path.exists():
            if PRODUCTION:
                # A key appearing silently (a volume not mounted, a new REUNITE_HOME) would log everyone out and
                # leave the audit log unverifiable: in production the key is made once, on purpose.
                raise ImproperlyConfigured(
                    f"REUNITE_ENV=production needs a secret key: set REUNITE_SECRET_KEY, or make the key file "
                    f"once with: {MAKE_KEY.format(path=path)}"
                )
            path.touch(mode=0o600)
            path.write_text(secrets.token_urlsafe(50))
        elif PRODUCTION and path.stat().st_mode & 0o077:
            raise ImproperlyConfigured(f"{path} can be read by others than its owner: chmod 600 {path}")
        key = path.read_text().strip()
    if PRODUCTION and not _strong(key):
        raise ImproperlyConfigured(
            f"The secret key from {source} is too weak for production (at least 50 characters, not a Django "
            "development key). Generate one with: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    return key


SECRET_KEY = _secret_key()
SECRET_KEY_FALLBACKS = [key for key in os.environ.get("REUNITE_SECRET_KEY_FALLBACKS", "").split(",") if key]
DEBUG = os.environ.get("REUNITE_DEBUG") == "1"
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured(
        "REUNITE_DEBUG=1 with REUNITE_ENV=production: debug pages show settings and data to whoever causes an "
        "error. Unset REUNITE_DEBUG."
    )
ALLOWED_HOSTS = os.environ.get("REUNITE_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "reunite.accounts",
    "reunite.registry",
    "reunite.cases",
    "reunite.review",
    "reunite.transfer",
    "reunite.reports",
    "reunite.audit",
    "reunite.backups",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "reunite.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "reunite.audit.middleware.AuditMiddleware",
    "reunite.accounts.middleware.SessionLimitMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "reunite.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a login refused for too many failures into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: it refuses a locked-out username and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "reunite.urls"
WSGI_APPLICATION = "reunite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{HOME / 'reunite.sqlite3'}",
        conn_max_age=600,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Encrypted at rest with SQLCipher (docs/encryption.md). The key: REUNITE_DB_KEY (64 hex characters, read
    # when connecting), else the file REUNITE_DB_KEY_FILE, else REUNITE_HOME/db.key, made with a new database.
    DATABASES["default"]["ENGINE"] = "reunite.db.sqlcipher"
    # WAL lets pages read while an import writes; IMMEDIATE avoids "database is locked" on upgrade;
    # a 32 MiB page cache per connection (the default is 2 MiB) keeps the hot indexes in memory.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
        "PRAGMA cache_size=-32768;",
        "transaction_mode": "IMMEDIATE",
        "key_file": os.environ.get("REUNITE_DB_KEY_FILE") or HOME / "db.key",
        "make_key_file": "REUNITE_DB_KEY_FILE" not in os.environ,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2 (memory-hard) for every new or changed password; a PBKDF2 hash stored before is upgraded at its next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
# A session ends after an hour without a request (each request saves it again, moving its expiry), at the
# browser's closing, and at the latest 8 hours after the login (SESSION_ABSOLUTE_AGE, reunite.accounts.middleware).
SESSION_COOKIE_AGE = 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# A password alone does not open an account: a code from an authenticator app (TOTP, django-otp) follows it,
# except on the demo server (REUNITE_DEMO=1, `make demo`). reunite.accounts.middleware.SecondFactorMiddleware.
TWO_FACTOR_REQUIRED = os.environ.get("REUNITE_DEMO") != "1"
OTP_TOTP_ISSUER = "reunite"
# The admin lists authenticators but never shows their secret (nor a QR code of it).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Lockout (django-axes): 5 failed logins for one username from one address lock that pair for an hour (each
# further failure restarts the hour). By pair, so an attacker cannot lock a caseworker out from everywhere.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = 1  # hour
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Axes keeps the failures it counts (username and address, until the cool-off ends), but no log of every login
# (the audit log has them) and no name or address in its log lines.
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_STR_CALLABLE = "reunite.accounts.lockout.client_str"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Pages load only their own scripts, styles and images: no inline script or style, no eval, no plugin, no
# framing, forms post only here. A script injected into a stored name or testimony would not run.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features no page uses (reunite.headers.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), midi=(), payment=(), usb=()"
)
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("REUNITE_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
if os.environ.get("REUNITE_BEHIND_PROXY") == "1":
    # The proxy sets X-Forwarded-Proto on every request (overwriting a client's); `reunite serve` drops the header
    # unless it comes from REUNITE_TRUSTED_PROXY.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
TRUSTED_PROXY = os.environ.get("REUNITE_TRUSTED_PROXY", "127.0.0.1")
if PRODUCTION and os.environ.get("REUNITE_DEMO") == "1":
    raise ImproperlyConfigured("REUNITE_DEMO=1 (logins without a second factor) is for the demo, not production.")
if PRODUCTION:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    # __Host-: the browser keeps these cookies only if Secure, for this host alone, never a parent domain's.
    SESSION_COOKIE_NAME, CSRF_COOKIE_NAME = "__Host-sessionid", "__Host-csrftoken"
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = os.environ.get("REUNITE_HSTS_PRELOAD") == "1"
    if not SECURE_HSTS_PRELOAD:
        # The deploy check asks for preloading (W021); whether the whole domain goes on the browsers' list is the
        # domain owner's decision (REUNITE_HSTS_PRELOAD), not the app's.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [Path(__file__).parent / "static"]
STATIC_ROOT = HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True

# The record-linkage model `reunite link train` writes and "find matches" reads (reunite.review.store).
LINKAGE_MODEL = HOME / "linkage" / "model.json"

# Names, testimony text and ID numbers must never reach a log: log events and ids only.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
# Imports started from the web app run in a thread of the server (`transfer.jobs`); False runs them in the request.
IMPORT_IN_BACKGROUND = True
