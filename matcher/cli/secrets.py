"""`matcher generate-secrets`: new random secrets for a deployment, as an environment file.

Prints `SECRET_KEY`, `INBOUND_WEBHOOK_SECRET`, `CONTACT_ENCRYPTION_KEYS` (a Fernet key) and
`CONTACT_INDEX_KEY`, one `NAME=value` line each, for a file only the service account can read
(see README, "Configuration for production"). Needs no app or database. Keep the file out of the
repository and away from database backups: without its contact keys the contact data cannot be
read, with them anyone holding a backup can.
"""

from __future__ import annotations

import secrets

import click


def generated_secrets() -> dict[str, str]:
    """Fresh values of every secret setting."""
    from cryptography.fernet import Fernet

    return {
        "SECRET_KEY": secrets.token_urlsafe(48),
        "INBOUND_WEBHOOK_SECRET": secrets.token_urlsafe(32),
        "CONTACT_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "CONTACT_INDEX_KEY": secrets.token_urlsafe(32),
    }


@click.command("generate-secrets")
def generate_secrets_command() -> None:
    """Print new random secrets as NAME=value lines (run once; keep them)."""
    for name, value in generated_secrets().items():
        click.echo(f"{name}={value}")
