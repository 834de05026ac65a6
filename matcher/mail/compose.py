"""Rendering an email from paired templates: `email/NAME.txt` and `email/NAME.html`.

The text template defines the blocks `subject` and `body`; the HTML template defines `body`.
Rendering happens in the recipient's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import force_locale


@dataclass(frozen=True)
class ComposedEmail:
    """Subject and both parts of a message."""

    subject: str
    text: str
    html: str


def _render_block(template_name: str, block: str, context: dict[str, Any]) -> str:
    env = current_app.jinja_env
    template = env.get_template(template_name)
    ctx = template.new_context(dict(context))
    return "".join(template.blocks[block](ctx)).strip()


def compose(name: str, language: str, **context: Any) -> ComposedEmail:
    """Render `email/{name}.txt` and `.html` in `language` with `context`."""
    context.setdefault("config", current_app.config)
    with force_locale(language):
        subject = " ".join(_render_block(f"email/{name}.txt", "subject", context).split())
        text = _render_block(f"email/{name}.txt", "body", context) + "\n"
        html = current_app.jinja_env.get_template(f"email/{name}.html").render(
            subject=subject, **context
        )
    return ComposedEmail(subject=subject, text=text, html=html)
