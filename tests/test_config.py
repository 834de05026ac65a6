"""Typed settings from the environment."""

from __future__ import annotations

import pytest

import config


def test_environment_overrides_are_cast_to_the_declared_type():
    settings = config.load(
        "default",
        {"MAIL_PORT": "2525", "MAIL_USE_TLS": "no", "LANGUAGES": "en, es", "GEOCODER_TIMEOUT": "2"},
    )
    assert settings["MAIL_PORT"] == 2525
    assert settings["MAIL_USE_TLS"] is False
    assert settings["LANGUAGES"] == ("en", "es")
    assert settings["GEOCODER_TIMEOUT"] == 2.0


def test_production_and_unknown_names():
    assert config.load("production", {})["SESSION_COOKIE_SECURE"] is True
    with pytest.raises(ValueError, match="MATCHER_CONFIG"):
        config.load("staging", {})


def test_database_url_defaults_to_instance_sqlite(tmp_path):
    from matcher.app import database_url

    assert database_url("", tmp_path) == f"sqlite:///{tmp_path / 'matcher.sqlite3'}"
    assert database_url("postgres://u@h/db", tmp_path) == "postgresql+psycopg://u@h/db"
