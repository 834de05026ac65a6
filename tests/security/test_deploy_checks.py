"""The production configuration check fails on each unsafe setting, naming it and its fix, and
passes on the README's production example (run here as written)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

import config
from config.testing import TestingConfig
from matcher.app import database_url
from matcher.security.deploy_checks import deploy_problems

ROOT = Path(__file__).resolve().parents[2]
SAFE = {
    "SECRET_KEY": "Yc3kQ0y1Hf7Jp8hTqk3Wm5nE9v2bD6sRzL4aXuG1tNoPiA",
    "BASE_URL": "https://actions.example.org",
    "SERVER_NAME_FOR_MAIL": "actions.example.org",
    "MAIL_DEFAULT_SENDER": "Close the Camps <no-reply@actions.example.org>",
    "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/1",
    "INBOUND_WEBHOOK_SECRET": "pG7sV2mXcL9qT4wZ8bN1rJ6yK3hF5dA0eU",
    "MAIL_SERVER": "smtp.example.org",
    "CONTACT_ENCRYPTION_KEYS": (Fernet.generate_key().decode(),),
    "CONTACT_INDEX_KEY": "Wq8Zp3Lk7Nc2Vb6Mx1Tr5Hy9Gd4Fs0Ja-Ue_Oi",
    "TRUSTED_PROXIES": ("127.0.0.1", "::1"),
}


def _pem(key) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    ).decode()


RSA_PEM = _pem(rsa.generate_private_key(public_exponent=65537, key_size=2048))
EC_PEM = _pem(ec.generate_private_key(ec.SECP256R1()))
DKIM = {"DKIM_DOMAIN": "actions.example.org", "DKIM_SELECTOR": "m2027"}


def production(**overrides):
    settings = config.load("production", {})
    settings.update(SAFE)
    settings.update(overrides)
    settings["SQLALCHEMY_URL"] = database_url(
        settings.get("DATABASE_URL") or "postgresql://app@db/matcher", None
    )
    return settings


def test_a_safe_production_configuration_passes():
    assert deploy_problems(production()) == []


WEAK = {
    "SECRET_KEY": [
        {"SECRET_KEY": "short"},
        {"SECRET_KEY": "a" * 36},
        {"SECRET_KEY": "abc" * 12},
        {"SECRET_KEY": TestingConfig.SECRET_KEY},
    ],
    "DEBUG": [{"DEBUG": True}],
    "SESSION_COOKIE_SECURE": [{"SESSION_COOKIE_SECURE": False}],
    "SESSION_COOKIE_NAME": [{"SESSION_COOKIE_NAME": "session"}],
    "SESSION_COOKIE_SAMESITE": [{"SESSION_COOKIE_SAMESITE": "None"}],
    "SESSION_COOKIE_HTTPONLY": [{"SESSION_COOKIE_HTTPONLY": False}],
    "BASE_URL": [{"BASE_URL": "http://actions.example.org"}],
    "WTF_CSRF_ENABLED": [{"WTF_CSRF_ENABLED": False}],
    "RATELIMIT_STORAGE_URI": [{"RATELIMIT_STORAGE_URI": "memory://"}],
    "DATABASE_URL": [{"DATABASE_URL": "sqlite:////tmp/x.db"}],
    "MAIL_USE_TLS": [{"MAIL_USE_TLS": False, "MAIL_USE_SSL": False}],
    "MAIL_SERVER": [{"MAIL_SERVER": ""}],
    "SERVER_NAME_FOR_MAIL": [
        {"SERVER_NAME_FOR_MAIL": "matcher.localhost"},
        {"SERVER_NAME_FOR_MAIL": "localhost"},
        {"SERVER_NAME_FOR_MAIL": "10.0.0.5"},
    ],
    "MAIL_DEFAULT_SENDER": [
        {"MAIL_DEFAULT_SENDER": config.load("default", {})["MAIL_DEFAULT_SENDER"]},
        {"MAIL_DEFAULT_SENDER": "Matcher <no-reply@matcher.local>"},
    ],
    "INBOUND_WEBHOOK_SECRET": [
        {"INBOUND_WEBHOOK_SECRET": ""},
        {"INBOUND_WEBHOOK_SECRET": "a" * 40},
    ],
    "CONTACT_ENCRYPTION_KEYS": [
        {"CONTACT_ENCRYPTION_KEYS": ()},
        {"CONTACT_ENCRYPTION_KEYS": TestingConfig.CONTACT_ENCRYPTION_KEYS},
        {"CONTACT_ENCRYPTION_KEYS": ("a" * 43 + "=",)},
        {"CONTACT_ENCRYPTION_KEYS": ("not a key",)},
    ],
    "CONTACT_INDEX_KEY": [
        {"CONTACT_INDEX_KEY": TestingConfig.CONTACT_INDEX_KEY},
        {"CONTACT_INDEX_KEY": "a" * 44},
    ],
    "PROXY_FIX_X_FOR": [{"PROXY_FIX_X_FOR": 5}],
    "TRUSTED_PROXIES": [
        {"TRUSTED_PROXIES": ()},
        {"TRUSTED_PROXIES": ("0.0.0.0/0",)},
        {"TRUSTED_PROXIES": ("not-an-address",)},
    ],
    "SUBMIT_RATE_LIMIT": [
        {"SUBMIT_RATE_LIMIT": "1000000 per second"},
        {"SUBMIT_RATE_LIMIT": "lots"},
    ],
    "LOGIN_RATE_LIMIT": [{"LOGIN_RATE_LIMIT": "1000 per minute"}],
    "RESEND_RATE_LIMIT": [{"RESEND_RATE_LIMIT": "100 per minute"}],
    "INBOUND_RATE_LIMIT": [{"INBOUND_RATE_LIMIT": "100000 per minute"}],
    "MESSAGE_RATE_LIMIT": [{"MESSAGE_RATE_LIMIT": "100 per minute"}],
    "MESSAGE_ACTION_RATE_LIMIT": [{"MESSAGE_ACTION_RATE_LIMIT": "1000 per day"}],
    "CONTACT_RETENTION_DAYS": [
        {"CONTACT_RETENTION_DAYS": 100_000},
        {"CONTACT_RETENTION_DAYS": 0},
    ],
    "HSTS_SECONDS": [{"HSTS_SECONDS": 0}],
    "DKIM_PRIVATE_KEY": [
        DKIM,
        {**DKIM, "DKIM_PRIVATE_KEY": "not a key"},
        {**DKIM, "DKIM_PRIVATE_KEY": EC_PEM},
        {**DKIM, "DKIM_PRIVATE_KEY": RSA_PEM, "DKIM_PRIVATE_KEY_FILE": "/etc/matcher/dkim.pem"},
    ],
    "DKIM_PRIVATE_KEY_FILE": [{**DKIM, "DKIM_PRIVATE_KEY_FILE": "/nonexistent/dkim.pem"}],
    "DKIM_SELECTOR": [{**DKIM, "DKIM_SELECTOR": "", "DKIM_PRIVATE_KEY": RSA_PEM}],
    "DKIM_DOMAIN": [
        {**DKIM, "DKIM_DOMAIN": "elsewhere.example.net", "DKIM_PRIVATE_KEY": RSA_PEM},
        {**DKIM, "DKIM_DOMAIN": "not a domain", "DKIM_PRIVATE_KEY": RSA_PEM},
    ],
}


@pytest.mark.parametrize(
    ("name", "overrides"),
    [(name, case) for name, cases in WEAK.items() for case in cases],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_each_unsafe_setting_is_named_with_its_fix(name, overrides):
    problems = deploy_problems(production(**overrides))
    assert len(problems) == 1 and problems[0].startswith(name), (name, problems)
    assert "Fix:" in problems[0]


def test_dkim_signing_set_up_for_the_sender_domain_passes(tmp_path):
    assert deploy_problems(production(**DKIM, DKIM_PRIVATE_KEY=RSA_PEM)) == []
    escaped = RSA_PEM.replace("\n", "\\n")  # one line, as an environment file holds it
    assert deploy_problems(production(**DKIM, DKIM_PRIVATE_KEY=escaped)) == []
    path = tmp_path / "dkim.pem"
    path.write_text(RSA_PEM)
    assert deploy_problems(production(**DKIM, DKIM_PRIVATE_KEY_FILE=str(path))) == []
    parent = {**DKIM, "DKIM_DOMAIN": "example.org"}  # relaxed alignment
    assert deploy_problems(production(**parent, DKIM_PRIVATE_KEY=RSA_PEM)) == []


def test_the_default_configuration_is_not_fit_for_production():
    settings = config.load("default", {})
    settings["SQLALCHEMY_URL"] = "sqlite:///instance/matcher.sqlite3"
    assert len(deploy_problems(settings)) >= 10


def readme_example() -> str:
    """The README's production example: the shell block after its marker."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme.split("<!-- production example: tests/security/test_deploy_checks.py -->", 1)
    assert len(after) == 2, "the README lost its production example"
    block = re.search(r"```sh\n(.*?)```", after[1], re.DOTALL)
    assert block is not None
    return block[1]


def _run_example(tmp_path: Path, script: str) -> subprocess.CompletedProcess[str]:
    if not (tmp_path / ".venv").exists():
        (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    etc = tmp_path / "etc"
    environment = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "MATCHER_INSTANCE_PATH": str(tmp_path / "instance"),
    }
    return subprocess.run(  # noqa: S603 (bash running the README's own lines)
        ["/bin/bash", "-euo", "pipefail", "-c", script.replace("/etc/matcher", str(etc))],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_readme_production_example_passes_check_deploy(tmp_path):
    script = readme_example()
    assert ".venv/bin/matcher check-deploy" in script
    done = _run_example(tmp_path, script)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "check-deploy: no problems found" in done.stdout
    secrets = (tmp_path / "etc" / "secrets.env").read_text()
    assert oct((tmp_path / "etc" / "secrets.env").stat().st_mode & 0o777) == "0o600"
    again = _run_example(tmp_path, script)  # run twice: the secrets are kept
    assert again.returncode == 0 and (tmp_path / "etc" / "secrets.env").read_text() == secrets


def test_the_readme_example_with_one_weak_setting_fails(tmp_path):
    script = readme_example().replace("PROXY_FIX_X_FOR=1", "PROXY_FIX_X_FOR=5")
    done = _run_example(tmp_path, script)
    assert done.returncode == 1 and "PROXY_FIX_X_FOR" in done.stderr


def test_the_readme_documents_the_periodic_jobs_as_cron_lines():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("send-queued", "send-reminders", "purge-contacts"):
        assert re.search(rf"^[\d*/,-]+ [\d*/,-]+ \* \* \* .*matcher {command}", readme, re.M)
