"""Public pages: the list of published actions and one page per action."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)

from matcher.domain.enums import TARGET_TYPE_LABELS
from matcher.extensions import db, limiter
from matcher.operations import OperationError
from matcher.operations.messages import relay_message
from matcher.queries.listing import (
    ActionFilter,
    get_public_action,
    public_page,
    public_regions,
    public_states,
)
from matcher.queries.target_pages import public_targets, target_page
from matcher.web.filters import FIELD_LABELS, parse_filters
from matcher.web.forms import MessageForm
from matcher.web.limits import message_action_key, message_action_limit, message_limit
from matcher.web.public_cache import public_cache

bp = Blueprint("public", __name__)


def filters_from_request() -> tuple[ActionFilter, dict[str, str]]:
    """Filters from the query string and `{field: message}` for unreadable ones."""
    return parse_filters(request.args)


def page_number() -> int:
    """`?page=N`, at least 1."""
    return max(1, min(request.args.get("page", 1, type=int) or 1, 10_000))


@bp.get("/")
@public_cache()
def index() -> str:
    """Published actions by date, filterable by state and target type."""
    filters, errors = filters_from_request()
    return render_template(
        "public/index.html",
        page=public_page(filters, page_number()),
        filters=filters,
        errors=errors,
        field_labels=FIELD_LABELS,
        states=public_states(),
        regions=public_regions(),
        target_types=TARGET_TYPE_LABELS,
        tile_url=current_app.config["MAP_TILE_URL"],
        tile_attribution=current_app.config["MAP_TILE_ATTRIBUTION"],
    )


@bp.get("/actions/<slug>")
def action(slug: str) -> str:
    """One published action, without contact details, with a form to write to its organizers
    when they accept messages."""
    found = get_public_action(slug)
    if found is None:
        abort(404)
    form = MessageForm(formdata=None) if found.accepts_messages else None
    return render_template(
        "public/action.html", action=found, form=form, sent=request.args.get("sent") == "1"
    )


@bp.post("/actions/<slug>/message")
@limiter.limit(message_limit)
@limiter.limit(message_action_limit, key_func=message_action_key)
def message(slug: str) -> Response | tuple[str, int]:
    """Relay a message to the organizers by email (their address stays hidden)."""
    found = get_public_action(slug)
    if found is None or not found.accepts_messages:
        abort(404)
    form = MessageForm()
    if form.is_submitted() and form.is_bot:
        return redirect(url_for("public.action", slug=slug, sent=1, _anchor="write"))  # type: ignore[return-value]
    if form.validate_on_submit():
        try:
            relay_message(
                found, name=form.name.data, email=form.email.data, text=form.message.data.strip()
            )
        except OperationError:
            db.rollback()
            abort(404)
        db.commit()
        return redirect(url_for("public.action", slug=slug, sent=1, _anchor="write"))  # type: ignore[return-value]
    return render_template("public/action.html", action=found, form=form, sent=False), 422


@bp.get("/targets")
def targets() -> str:
    """Every target named by upcoming actions, most named first."""
    found = sorted(
        public_targets().values(),
        key=lambda t: (-len(t.actions) - len(t.related), t.name.casefold()),
    )
    return render_template("public/targets.html", targets=found)


@bp.get("/targets/<key>")
def target(key: str) -> str:
    """Who else is acting at this target."""
    found = target_page(key[:100])
    if found is None:
        abort(404)
    return render_template("public/target.html", target=found)
