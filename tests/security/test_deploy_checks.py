"""The production configuration check fails when the configuration is unsafe."""

from __future__ import annotations

import config
from matcher.app import database_url
from matcher.security.deploy_checks import deploy_problems

SAFE = {
    "SECRET_KEY": "k" * 48,
    "BASE_URL": "https://actions.example.org",
    "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/1",
    "INBOUND_WEBHOOK_SECRET": "w" * 40,
    "MAIL_SERVER": "smtp.example.org",
    "CONTACT_ENCRYPTION_KEYS": ("k" * 44,),
    "CONTACT_INDEX_KEY": "i" * 44,
}


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


def test_each_unsafe_setting_is_named():
    cases = {
        "SECRET_KEY": {"SECRET_KEY": "short"},
        "DEBUG": {"DEBUG": True},
        "SESSION_COOKIE_SECURE": {"SESSION_COOKIE_SECURE": False},
        "SESSION_COOKIE_NAME": {"SESSION_COOKIE_NAME": "session"},
        "BASE_URL": {"BASE_URL": "http://actions.example.org"},
        "WTF_CSRF_ENABLED": {"WTF_CSRF_ENABLED": False},
        "RATELIMIT_STORAGE_URI": {"RATELIMIT_STORAGE_URI": "memory://"},
        "DATABASE_URL": {"DATABASE_URL": "sqlite:////tmp/x.db"},
        "MAIL_USE_TLS": {"MAIL_USE_TLS": False, "MAIL_USE_SSL": False},
        "INBOUND_WEBHOOK_SECRET": {"INBOUND_WEBHOOK_SECRET": ""},
        "CONTACT_ENCRYPTION_KEYS": {"CONTACT_ENCRYPTION_KEYS": ()},
    }
    for name, overrides in cases.items():
        problems = deploy_problems(production(**overrides))
        assert len(problems) == 1 and name in problems[0], (name, problems)


def test_the_default_configuration_is_not_fit_for_production():
    settings = config.load("default", {})
    settings["SQLALCHEMY_URL"] = "sqlite:///instance/matcher.sqlite3"
    assert len(deploy_problems(settings)) >= 5
