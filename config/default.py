"""Typed defaults: everything works offline on one machine with no services configured."""

from __future__ import annotations


class DefaultConfig:
    """Settings for `make run`; each can be overridden by an environment variable."""

    # Signing key for sessions and links. Generated into instance/secret_key when left empty.
    SECRET_KEY: str = ""
    # SQLAlchemy URL; empty means SQLite at instance/matcher.sqlite3.
    DATABASE_URL: str = ""
    SQL_ECHO: bool = False

    # Public base URL used in emails (links must work outside a request).
    BASE_URL: str = "http://127.0.0.1:5000"
    SERVER_NAME_FOR_MAIL: str = "matcher.localhost"

    # Outgoing mail. With no MAIL_SERVER, messages are written as .eml files to MAIL_OUTBOX_DIR
    # (empty means instance/outbox).
    MAIL_SERVER: str = ""
    MAIL_PORT: int = 587
    MAIL_USE_TLS: bool = True
    MAIL_USE_SSL: bool = False
    MAIL_USERNAME: str = ""
    MAIL_PASSWORD: str = ""
    MAIL_DEFAULT_SENDER: str = "Close the Camps matcher <no-reply@matcher.localhost>"
    MAIL_OUTBOX_DIR: str = ""
    MAIL_SEND_ATTEMPTS: int = 5
    # DKIM signing of outgoing mail (RFC 6376), off while DKIM_DOMAIN is empty: the domain
    # (d=), the selector (s=; the public key is published at SELECTOR._domainkey.DOMAIN) and the
    # RSA private key in PEM, given as text or as the path of a file (`matcher dkim-record`
    # prints the DNS record). Leave them empty when your mail server signs for you.
    DKIM_DOMAIN: str = ""
    DKIM_SELECTOR: str = ""
    DKIM_PRIVATE_KEY: str = ""
    DKIM_PRIVATE_KEY_FILE: str = ""

    # Introductions by email (issue 6). Reminder once after INTRO_REMINDER_DAYS; the request
    # expires after INTRO_EXPIRY_DAYS. A send job's claim on a message lasts
    # MAIL_SEND_LEASE_SECONDS. The inbound webhook is off while INBOUND_WEBHOOK_SECRET is empty.
    INTRO_REMINDER_DAYS: int = 5
    INTRO_EXPIRY_DAYS: int = 14
    MAIL_SEND_LEASE_SECONDS: int = 600
    INBOUND_WEBHOOK_SECRET: str = ""
    INBOUND_WEBHOOK_MAX_AGE_SECONDS: int = 300
    INBOUND_SMTP_HOST: str = "127.0.0.1"
    INBOUND_SMTP_PORT: int = 8025
    # Per client address on the inbound webhook (the mail provider's servers).
    INBOUND_RATE_LIMIT: str = "120 per minute"
    # A bounce (a report answering a message we sent) stops mail to the address this long.
    BOUNCE_SUPPRESSION_DAYS: int = 30
    # Per client address, on answering an introduction and on unsubscribing (POST only).
    INTRO_LINK_RATE_LIMIT: str = "30 per minute"

    # Background jobs: Celery on CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0); empty runs
    # jobs in-process after the commit. CELERY_QUEUE names the queue workers listen on.
    CELERY_BROKER_URL: str = ""
    CELERY_RESULT_BACKEND: str = ""
    CELERY_QUEUE: str = "matcher"
    # The incremental matcher keeps its index of published actions in the process between
    # jobs and reads only what changed since (a worker at 1,000,000 actions holds ~3 GB).
    MATCH_INDEX_CACHE: bool = True
    # ... and a thread ranks and keeps every stored action's lists of that index (in slices,
    # beside the jobs; about the batch's ranking CPU after each build: 70-90 s at 1,000,000),
    # so that publishing one action ranks only its own lists and a few others.
    MATCH_INDEX_PREPARE: bool = False

    # Contact data is encrypted at rest: Fernet keys (the first encrypts, all decrypt) and the
    # key of the blind index. Empty: generated into instance/contact_keys (development only).
    CONTACT_ENCRYPTION_KEYS: tuple[str, ...] = ()
    CONTACT_INDEX_KEY: str = ""

    # Contact details of an action are erased this many days after its date.
    CONTACT_RETENTION_DAYS: int = 90

    # Where an organizer who lost access to their address can ask for help (shown on the lost
    # link page); empty: the page says to ask the weekend's coordinators.
    HELP_EMAIL: str = ""
    # Messages the public sends organizers through an action page: per client address, and
    # per action.
    MESSAGE_RATE_LIMIT: str = "5 per hour"
    MESSAGE_ACTION_RATE_LIMIT: str = "20 per day"
    # Organizers' requests to be introduced to an organization near them: per client address,
    # and how many one action may ask for in a day (each waits for a coordinator's review).
    COALITION_REQUEST_RATE_LIMIT: str = "10 per hour"
    COALITION_REQUESTS_PER_DAY: int = 5

    # Links sent by email.
    VERIFY_LINK_MAX_AGE_HOURS: int = 72
    MANAGE_LINK_MAX_AGE_DAYS: int = 365

    # Geocoding: "gazetteer" (offline) or a geopy provider name (nominatim, photon, pelias, ...).
    GEOCODER: str = "gazetteer"
    GEOCODER_USER_AGENT: str = "close-the-camps-matcher/0.1 (organizers' matching service)"
    GEOCODER_TIMEOUT: float = 5.0
    GEOCODER_DOMAIN: str = ""

    # Public map tiles, optional: the map draws state and county outlines from data the app
    # serves itself (works offline); with a tile URL (e.g.
    # "https://tile.openstreetmap.org/{z}/{x}/{y}.png" and "&copy; OpenStreetMap contributors")
    # tiles are drawn below them.
    MAP_TILE_URL: str = ""
    MAP_TILE_ATTRIBUTION: str = ""

    # Languages offered to organizers and the public.
    LANGUAGES: tuple[str, ...] = ("en", "es")
    BABEL_DEFAULT_LOCALE: str = "en"
    BABEL_DEFAULT_TIMEZONE: str = "UTC"

    # Forms.
    WTF_CSRF_ENABLED: bool = True
    WTF_CSRF_TIME_LIMIT: int = 3600 * 8
    MAX_CONTENT_LENGTH: int = 2 * 1024 * 1024

    # Rate limits (Flask-Limiter); storage "memory://" or a redis:// URL.
    RATELIMIT_STORAGE_URI: str = "memory://"
    RATELIMIT_ENABLED: bool = True
    SUBMIT_RATE_LIMIT: str = "20 per hour"  # per client address
    SUBMIT_ADDRESS_RATE_LIMIT: str = "10 per hour"  # per contact email address
    RESEND_RATE_LIMIT: str = "5 per hour"

    # Public reads (the list page, the API list, the feeds) are cached (PUBLIC_CACHE_TTL 0: off);
    # every PUBLIC_CACHE_TTL seconds an entry is checked against the database's count of public
    # changes (rendered again only if it changed), and browsers may keep a page as long.
    # PUBLIC_CACHE_URL "" keeps a cache in each process (another process's change shows within
    # the TTL); a redis:// URL shares one cache that every process invalidates at once. At most
    # PUBLIC_CACHE_MAX_ENTRIES in memory.
    PUBLIC_CACHE_URL: str = ""
    PUBLIC_CACHE_TTL: int = 30
    PUBLIC_CACHE_MAX_ENTRIES: int = 512
    # Withdrawn, removed or unlisted actions stay in the OSDI events as "cancelled" this long,
    # so syncing clients learn they are off.
    OSDI_CANCELLED_DAYS: int = 90

    # Coordinators: sessions end after this much inactivity; login attempts per client/email.
    COORDINATOR_IDLE_MINUTES: int = 30
    LOGIN_RATE_LIMIT: str = "10 per minute"

    # Session cookie hardening.
    SESSION_COOKIE_HTTPONLY: bool = True
    SESSION_COOKIE_SAMESITE: str = "Lax"
    SESSION_COOKIE_SECURE: bool = False
    SESSION_COOKIE_NAME: str = "session"
    REMEMBER_COOKIE_SECURE: bool = False
    # How many proxies in front of the app set X-Forwarded-* headers (0: trust none), and the
    # addresses (or networks) they connect from: the headers of any other peer are dropped.
    PROXY_FIX_X_FOR: int = 0
    PROXY_FIX_X_PROTO: int = 0
    TRUSTED_PROXIES: tuple[str, ...] = ()
    # Strict-Transport-Security max-age (0: no header); production sets two years.
    HSTS_SECONDS: int = 0
    TESTING: bool = False
