"""Names in the reader's language for the codes coordinators' pages show: audit verbs (timeline
events), email kinds and delivery states, kinds of received mail, match kinds, geocode
precisions, roles, catalog kinds and yes/no.

Each table maps a stored code to a lazy catalog string; `label(table, code)` falls back to a
readable form of an unknown code ("some_code" -> "some code"), never to the raw code.
Registered as template filters by `matcher.web.templating`.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from matcher.domain.enums import ORGANIZATION_TAG_LABELS

EVENTS = {
    "approve": _l("approved"),
    "reject": _l("rejected"),
    "undo_approve": _l("approval undone"),
    "undo_reject": _l("rejection undone"),
    "introduction_requested": _l("introduction requested from both sides"),
    "introduction_accepted": _l("accepted"),
    "introduction_declined": _l("declined"),
    "introduction_ended": _l("ended: a consent was withdrawn"),
    "introduction_expired": _l("expired without an answer"),
    "introduction_sent": _l("introduction email sent to both"),
    "introduction_replied": _l("replied"),
    "inbound_reply": _l("reply received"),
    "inbound_bounce": _l("bounce received"),
    "inbound_auto_reply": _l("automatic reply received"),
    "requeue_email": _l("message sent again"),
    "view_contact": _l("contact details viewed"),
    "login": _l("logged in"),
    "logout": _l("logged out"),
    "set_password": _l("password set"),
    "create_coordinator": _l("account created"),
    "activate": _l("account reactivated"),
    "deactivate": _l("account deactivated"),
    "export_introductions": _l("introductions exported"),
    "export_personal_data": _l("personal data exported"),
    "fix_location": _l("location fixed"),
    "remove": _l("removed as spam"),
    "lift_suppression": _l("mail pause lifted"),
    "match": _l("matching run"),
    "refresh_regions": _l("regions recomputed"),
    "import": _l("import"),
    "catalog_save": _l("catalog entry saved"),
    "catalog_active": _l("catalog entry reactivated"),
    "catalog_inactive": _l("catalog entry deactivated"),
    "submit": _l("submitted"),
    "publish": _l("published"),
    "republish": _l("published again"),
    "withdraw": _l("withdrawn"),
    "edit": _l("edited"),
    "delete": _l("deleted"),
    "consent": _l("consent changed"),
    "confirm_place": _l("place confirmed"),
    "unsubscribe": _l("unsubscribed"),
    "public_message": _l("message from the public"),
    "resend_verification": _l("confirmation link sent again"),
    "send_manage_link": _l("manage link sent"),
    "purge_contacts": _l("contact details erased"),
    "rotate_keys": _l("keys rotated"),
    "save_filter": _l("filter saved"),
    "delete_filter": _l("filter deleted"),
    "coalition_request": _l("coalition introduction requested"),
    "coalition_suggestions": _l("coalition suggestions sent"),
    "propose_tags": _l("tags proposed"),
    "set_tags": _l("tags set"),
}

EMAIL_KINDS = {
    "optin_request": _l("introduction request"),
    "optin_reminder": _l("reminder of the request"),
    "introduction": _l("introduction email"),
    "intro_closed": _l('"will not happen" notice'),
    "intro_relay": _l("relayed reply"),
    "verify": _l("confirmation link"),
    "listed": _l("listing notice"),
    "manage_links": _l("manage links"),
    "place_question": _l("question about the place"),
    "public_message": _l("message from the public"),
}

EMAIL_STATUSES = {
    "queued": _l("queued"),
    "sending": _l("sending"),
    "sent": _l("sent"),
    "failed": _l("could not be delivered"),
    "bounced": _l("bounced"),
    "cancelled": _l("cancelled"),
}

INBOUND_KINDS = {
    "reply": _l("reply"),
    "bounce": _l("bounce"),
    "delay": _l("delivery delayed"),
    "auto_reply": _l("automatic reply"),
    "unknown": _l("unrecognized message"),
}

MATCH_KINDS = {"region": _l("same region"), "target": _l("similar target")}

PRECISIONS = {
    "address": _l("address"),
    "facility": _l("facility"),
    "postcode": _l("ZIP code"),
    "city": _l("city"),
    "county": _l("county"),
    "region": _l("region"),
    "state": _l("state"),
}

# How a geocode was found (`geocode_match`, else `geocode_source`).
GEOCODE_MATCHES = {
    "exact": _l("exact name"),
    "fuzzy": _l("spelling corrected"),
    "alias": _l("another name of the place"),
    "pair": _l("place and state"),
    "nickname": _l("region nickname"),
    "zip": _l("ZIP code"),
    "county": _l("county"),
    "state": _l("state"),
    "facility": _l("facility catalog"),
    "address": _l("street address"),
    "landmark": _l("landmark"),
    "provider": _l("online geocoder"),
    "ambiguous": _l("several places possible"),
    "guess": _l("a guess to confirm"),
    "chosen": _l("chosen by the organizer"),
    "provided": _l("coordinates given"),
    "gazetteer": _l("offline gazetteer"),
}

TAGS = {kind.value: name for kind, name in ORGANIZATION_TAG_LABELS.items()}

ROLES = {"admin": _l("administrator"), "coordinator": _l("coordinator")}

CATALOG_KINDS = {
    "detention_facility": _l("detention facility"),
    "processing_center": _l("processing center"),
    "family_residential": _l("family residential center"),
    "staging_facility": _l("staging facility"),
    "temporary_site": _l("temporary site"),
    "hold_room": _l("hold room"),
    "ero_field_office": _l("ICE field office"),
    "ero_sub_office": _l("ICE sub-office"),
    "immigration_court": _l("immigration court"),
    "operator_hq": _l("operator's headquarters"),
}

SUBJECTS = {
    "action": _l("action"),
    "actions": _l("actions"),
    "catalog_entry": _l("catalog entry"),
    "contact_data": _l("contact details"),
    "coordinator": _l("account"),
    "email": _l("address"),
    "introduction": _l("introduction"),
    "introductions": _l("introductions"),
    "inbound_email": _l("received message"),
    "outbound_emails": _l("messages sent"),
    "organization": _l("organization"),
    "coalition_request": _l("coalition introduction request"),
    "saved_filter": _l("saved filter"),
    "suggestion": _l("suggestion"),
    "suggestions": _l("suggestions"),
    "regions": _l("regions"),
}

ACTORS = {
    "organizer": _l("an organizer"),
    "coordinator": _l("a coordinator"),
    "system": _l("the service"),
}

DETAIL_KEYS = {
    "accepted": _l("accepted"),
    "added": _l("added"),
    "change_id": _l("tag change"),
    "changes": _l("changes"),
    "organization_id": _l("organization"),
    "tag": _l("tag"),
    "tags": _l("tags"),
    "target_action_id": _l("their action"),
    "values": _l("values"),
    "action": _l("action"),
    "action_id": _l("action"),
    "actions": _l("actions"),
    "asked_on": _l("asked on"),
    "count": _l("count"),
    "created": _l("created"),
    "cutoff": _l("cut-off"),
    "days": _l("days"),
    "decided_at": _l("decided at"),
    "decided_by": _l("decided by"),
    "email_id": _l("message"),
    "entry": _l("entry"),
    "granted": _l("given"),
    "introduced": _l("introduced"),
    "introduction_id": _l("introduction"),
    "kind": _l("kind"),
    "kinds": _l("kinds"),
    "language": _l("language"),
    "placed": _l("placed"),
    "reason": _l("reason"),
    "regions": _l("regions"),
    "removed": _l("removed"),
    "role": _l("role"),
    "rows": _l("rows"),
    "side": _l("side"),
    "skipped": _l("skipped"),
    "source": _l("source"),
    "states": _l("states"),
    "suggestions": _l("suggestions"),
    "superseded": _l("superseded"),
    "fields": _l("fields"),
}

# The introduction states the list shows (see matcher.queries.introduction_timeline).
INTRODUCTION_STATES = {
    "requested": _l("requested"),
    "accepted_by_one": _l("accepted by one side"),
    "introduced": _l("introduced"),
    "delivered": _l("delivered"),
    "replied": _l("replied"),
    "declined": _l("declined"),
    "expired": _l("expired"),
    "bounced": _l("bounced"),
    "failed": _l("could not be delivered"),
}


def label(table: dict[str, Any], code: object) -> str:
    """The translated name of `code` (an enum member or its value) in `table`."""
    key = str(getattr(code, "value", code) or "")
    if key in table:
        return str(table[key])
    return key.replace("_", " ")


def yes_no(value: object) -> str:
    """ "yes" or "no" in the reader's language (never True/False)."""
    return gettext("yes") if value else gettext("no")


def detail_value(value: object) -> str:
    """An audit detail's value for reading: yes/no for booleans, lists joined, known codes
    (roles, email kinds, statuses) named."""
    if isinstance(value, bool):
        return yes_no(value)
    if value is None:
        return "-"
    if isinstance(value, list | tuple):
        return ", ".join(detail_value(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {detail_value(item)}" for key, item in value.items())
    text = str(value)
    for table in (ROLES, EMAIL_KINDS, INTRODUCTION_STATES, MATCH_KINDS, EVENTS, TAGS):
        if text in table:
            return str(table[text])
    return text


def match_kinds(kinds: str) -> str:
    """ "region,target" -> "same region + similar target"."""
    return " + ".join(label(MATCH_KINDS, kind) for kind in kinds.split(",") if kind)


FILTERS = {
    "event": lambda code: label(EVENTS, code),
    "email_kind": lambda code: label(EMAIL_KINDS, code),
    "email_status": lambda code: label(EMAIL_STATUSES, code),
    "inbound_kind": lambda code: label(INBOUND_KINDS, code),
    "precision": lambda code: label(PRECISIONS, code),
    "geocode_match": lambda code: label(GEOCODE_MATCHES, code),
    "role": lambda code: label(ROLES, code),
    "catalog_kind": lambda code: label(CATALOG_KINDS, code),
    "intro_state": lambda code: label(INTRODUCTION_STATES, code),
    "subject": lambda code: label(SUBJECTS, code),
    "actor": lambda code: label(ACTORS, code),
    "detail_key": lambda code: label(DETAIL_KEYS, code),
    "detail_value": detail_value,
    "match_kinds": match_kinds,
    "yes_no": yes_no,
}
