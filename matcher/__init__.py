"""Matcher: a Flask service that lists local actions and suggests introductions between them."""

from matcher.app import create_app

__all__ = ["create_app"]
