"""Reading the public filters from a query string, with an error per bad field."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from matcher.models import TargetType
from matcher.operations.geocoding import current_geocoder
from matcher.queries.listing import ActionFilter, Near

FIELD_LABELS = {
    "state": _l("State"),
    "region": _l("Region"),
    "target_type": _l("Target type"),
    "from": _l("From"),
    "to": _l("To"),
    "near": _l("Near (city or ZIP)"),
    "radius": _l("Within (km)"),
}
MAX_RADIUS_KM = 500.0
DEFAULT_RADIUS_KM = 50.0


def _date(args: MultiDict[str, str], name: str, errors: dict[str, str]) -> date | None:
    text = (args.get(name) or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors[name] = _("Not a date: use YYYY-MM-DD.")
        return None


def _near(args: MultiDict[str, str], errors: dict[str, str]) -> Near | None:
    text = (args.get("near") or "").strip()[:200]
    if not text:
        return None
    try:
        radius = float(args.get("radius") or DEFAULT_RADIUS_KM)
    except ValueError:
        radius = -1.0
    if not 0 < radius <= MAX_RADIUS_KM:
        errors["radius"] = _("Give a distance between 1 and %(max)d km.", max=MAX_RADIUS_KM)
        return None
    try:
        location = current_geocoder().geocode(text)
    except Exception:
        location = None
    if location is None:
        errors["near"] = _(
            'We could not find "%(place)s": try a city and state or a ZIP code.', place=text
        )
        return None
    place = (location.raw or {}).get("place") or location.address
    return Near(location.latitude, location.longitude, radius, place)


def parse_filters(args: MultiDict[str, str]) -> tuple[ActionFilter, dict[str, str]]:
    """Filters and `{field: message}` for the ones that could not be read."""
    errors: dict[str, str] = {}
    target_text = (args.get("target_type") or "").strip()
    target_type = None
    if target_text:
        try:
            target_type = TargetType(target_text)
        except ValueError:
            errors["target_type"] = _("Unknown target type.")
    state = (args.get("state") or "").strip().upper()
    if state and (len(state) != 2 or not state.isalpha()):
        errors["state"] = _("Use a two-letter state code.")
        state = ""
    region = (args.get("region") or "").strip()
    if region and not (region.isascii() and region.isdigit() and len(region) < 10):
        errors["region"] = _("Unknown region.")  # "¹" is a digit to Python, not to int()
        region = ""
    filters = ActionFilter(
        state=state or None,
        target_type=target_type,
        include_past=args.get("past") == "1",
        region_id=int(region) if region else None,
        date_from=_date(args, "from", errors),
        date_to=_date(args, "to", errors),
        text=(args.get("q") or "").strip()[:100] or None,
        near=_near(args, errors),
    )
    return filters, errors
