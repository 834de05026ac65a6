"""The OpenAPI 3.1 document of the public API (served at /api/openapi.json)."""

from __future__ import annotations

from typing import Any

from matcher.formats.action_fields import LANGUAGES, MAX_ORGANIZATION_LENGTH, MAX_ORGANIZATIONS
from matcher.models import TargetType

TARGET_TYPES = [t.value for t in TargetType]
ERRORS = {"$ref": "#/components/schemas/Errors"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _hal(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/hal+json": {"schema": schema}}}


def _query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


FILTERS = [
    _query("state", "Two-letter state code.", {"type": "string", "pattern": "^[A-Za-z]{2}$"}),
    _query("target_type", "Kind of target.", {"type": "string", "enum": TARGET_TYPES}),
    _query("region", "Region id.", {"type": "string", "pattern": "^[0-9]{1,9}$"}),
    _query("from", "First date.", {"type": "string", "format": "date"}),
    _query("to", "Last date.", {"type": "string", "format": "date"}),
    _query(
        "q",
        "Text in the title, target, place or description.",
        {"type": "string", "maxLength": 200},
    ),
    _query("near", "A city or ZIP code.", {"type": "string", "maxLength": 300}),
    _query(
        "radius",
        "Kilometres around `near` (default 50).",
        {"type": "number", "minimum": 1, "maximum": 500},
    ),
    _query("past", "1 to include past actions.", {"type": "string", "enum": ["0", "1"]}),
]
PAGING = [
    _query("page", "Page number.", {"type": "integer", "minimum": 1, "maximum": 10000}),
    _query("per_page", "Items per page.", {"type": "integer", "minimum": 1, "maximum": 100}),
]
OSDI_FILTER = _query(
    "filter",
    "OData filter on modified_date or created_date, for incremental sync: "
    "modified_date gt '2027-10-01T00:00:00Z' (eq, ne, gt, ge, lt, le, joined by and).",
    {"type": "string", "maxLength": 500},
)

PUBLIC_ACTION = {
    "type": "object",
    "required": ["id", "url", "title", "date", "location", "target_type", "organizations"],
    "properties": {
        "id": {"type": "string"},
        "url": {"type": "string"},
        "title": {"type": "string"},
        "description": {"type": "string"},
        "date": {"type": "string", "format": "date"},
        "start_time": {
            "type": ["string", "null"],
            "description": "HH:MM, local time in `timezone`; null: all day.",
        },
        "end_time": {"type": ["string", "null"], "description": "HH:MM, local time."},
        "timezone": {"type": ["string", "null"], "description": "IANA name, e.g. America/Chicago."},
        "meeting_point": {"type": ["string", "null"], "description": "Where people gather."},
        "event_url": {"type": ["string", "null"], "description": "The organizer's event page."},
        "accepts_messages": {
            "type": "boolean",
            "description": "Whether the action page offers a form to write to the organizers.",
        },
        "location": {"type": "string"},
        "state": {"type": ["string", "null"]},
        "venue": {
            "type": ["string", "null"],
            "description": "Only when the organizer published it.",
        },
        "latitude": {"type": ["number", "null"]},
        "longitude": {"type": ["number", "null"]},
        "precision": {"type": ["string", "null"]},
        "target_type": {"type": "string", "enum": TARGET_TYPES},
        "target": {"type": "string"},
        "organizations": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": False,
}
yes_no = {"type": ["string", "boolean"], "description": "yes or no (or a JSON boolean)."}
# What the validator requires of a required text: something besides spaces (it folds spaces).
REQUIRED_TEXT = {"type": "string", "minLength": 1, "pattern": "\\S"}
ACTION_INPUT = {
    "type": "object",
    "required": ["title", "date", "location", "target_type", "contact_name", "contact_email"],
    "properties": {
        "ref": {"type": "string", "maxLength": 100},
        "title": {**REQUIRED_TEXT, "maxLength": 200},
        "date": {"type": "string", "format": "date"},
        "location": {**REQUIRED_TEXT, "maxLength": 300},
        "latitude": {"type": ["number", "string"]},
        "longitude": {"type": ["number", "string"]},
        "target_type": {"type": "string", "enum": TARGET_TYPES},
        "target": {"type": "string", "maxLength": 200},
        "organizations": {
            "description": "Names separated by `;` (or lines) in a string, or an array whose "
            "items are kept as given (a name may hold a `;`).",
            "oneOf": [
                {"type": "string", "maxLength": 5000},
                {
                    "type": "array",
                    "maxItems": MAX_ORGANIZATIONS,
                    "items": {"type": "string", "maxLength": MAX_ORGANIZATION_LENGTH},
                },
            ],
        },
        "contact_name": {**REQUIRED_TEXT, "maxLength": 200},
        "contact_email": {"type": "string", "format": "email", "minLength": 3, "maxLength": 254},
        "contact_phone": {"type": "string", "maxLength": 40},
        "language": {"type": "string", "enum": list(LANGUAGES)},
        "intro_region": yes_no,
        "intro_target": yes_no,
        "public": yes_no,
        "description": {"type": "string", "maxLength": 5000},
        "venue": {"type": "string", "maxLength": 300},
        "address_public": yes_no,
        "start_time": {"type": "string", "description": "HH:MM (24-hour), optional."},
        "end_time": {"type": "string", "description": "HH:MM, after start_time, optional."},
        "timezone": {
            "type": "string",
            "description": "IANA time zone; empty or absent: the zone of the place.",
        },
        "meeting_point": {"type": "string", "maxLength": 300, "description": "Public."},
        "event_url": {"type": "string", "maxLength": 500, "description": "An http(s) page."},
        "accepts_messages": {
            "type": ["string", "boolean"],
            "description": "yes: the public may write to the organizers through the service "
            "(their address stays hidden). Default no.",
        },
    },
    "additionalProperties": False,
}


def document() -> dict[str, Any]:
    """The whole OpenAPI document."""
    list_schema = {
        "type": "object",
        "required": ["actions", "page", "per_page", "total"],
        "properties": {
            "actions": {"type": "array", "items": {"$ref": "#/components/schemas/PublicAction"}},
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
            "total": {"type": "integer"},
        },
    }
    event = {
        "type": "object",
        "required": ["identifiers", "status", "created_date", "modified_date", "_links"],
        "properties": {
            "identifiers": {"type": "array", "items": {"type": "string"}},
            "status": {"type": "string", "enum": ["confirmed", "cancelled"]},
            "created_date": {"type": "string", "format": "date-time"},
            "modified_date": {"type": "string", "format": "date-time"},
            "start_date": {"type": "string"},
            "end_date": {"type": "string"},
            "all_day": {"type": "boolean"},
            "all_day_date": {"type": "string", "format": "date"},
            "_links": {"type": "object", "required": ["self"]},
        },
    }
    osdi = {
        "type": "object",
        "required": ["total_records", "total_pages", "page", "per_page", "_links", "_embedded"],
        "properties": {
            "total_pages": {"type": "integer"},
            "per_page": {"type": "integer"},
            "page": {"type": "integer"},
            "total_records": {"type": "integer"},
            "_links": {"type": "object", "required": ["self", "curies", "osdi:events"]},
            "_embedded": {
                "type": "object",
                "properties": {"osdi:events": {"type": "array", "items": event}},
            },
        },
    }
    entry_point = {
        "type": "object",
        "required": ["osdi_version", "_links"],
        "properties": {"osdi_version": {"type": "string"}, "_links": {"type": "object"}},
    }
    bad_request = _json(ERRORS, "A filter or the body could not be read; errors name the field.")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Close the Camps matcher API",
            "version": "1",
            "description": "Published actions (no contact data) and submissions of new actions.",
        },
        "paths": {
            "/api/v1/actions": {
                "get": {
                    "operationId": "listActions",
                    "summary": "Published actions by date.",
                    "parameters": FILTERS + PAGING,
                    "responses": {
                        "200": _json(list_schema, "A page of actions."),
                        "400": bad_request,
                    },
                },
                "post": {
                    "operationId": "submitAction",
                    "summary": "Submit an action; it is published once its organizer confirms "
                    "the emailed link.",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/ActionInput"}
                            }
                        },
                    },
                    "responses": {
                        "202": _json(
                            {
                                "type": "object",
                                "required": ["status", "id"],
                                "properties": {
                                    "status": {"const": "pending"},
                                    "message": {"type": "string"},
                                    "id": {"type": "string"},
                                },
                            },
                            "Stored, waiting for the organizer's confirmation.",
                        ),
                        "400": bad_request,
                        "413": _json(ERRORS, "The body is too large."),
                        "422": _json(ERRORS, "Invalid fields; errors name each field."),
                        "429": _json(ERRORS, "Too many submissions; try later."),
                    },
                },
            },
            "/api/v1/actions/{id}": {
                "get": {
                    "operationId": "getAction",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "responses": {
                        "200": _json(
                            {"$ref": "#/components/schemas/PublicAction"}, "One published action."
                        ),
                        "404": _json(ERRORS, "No published action with this id."),
                    },
                },
            },
            "/api/osdi/v1/": {
                "get": {
                    "operationId": "osdiEntryPoint",
                    "summary": "The OSDI API entry point.",
                    "responses": {"200": _hal(entry_point, "Links to the OSDI collections.")},
                },
            },
            "/api/osdi/v1/events": {
                "get": {
                    "operationId": "osdiEvents",
                    "summary": "Published actions as OSDI events, and recently cancelled ones.",
                    "parameters": [*FILTERS, *PAGING, OSDI_FILTER],
                    "responses": {"200": _hal(osdi, "A page of OSDI events."), "400": bad_request},
                },
            },
            "/api/osdi/v1/events/{id}": {
                "get": {
                    "operationId": "osdiEvent",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "responses": {
                        "200": _hal(event, "One OSDI event."),
                        "404": _json(ERRORS, "No such event."),
                    },
                },
            },
            "/feeds/actions.geojson": {
                "get": {
                    "operationId": "geojsonFeed",
                    "parameters": FILTERS,
                    "responses": {
                        "200": {
                            "description": "A GeoJSON FeatureCollection (RFC 7946).",
                            "content": {"application/geo+json": {"schema": {"type": "object"}}},
                        },
                        "400": bad_request,
                    },
                },
            },
            "/feeds/actions.ics": {
                "get": {
                    "operationId": "calendarFeed",
                    "parameters": FILTERS,
                    "responses": {
                        "200": {
                            "description": "An iCalendar feed (RFC 5545).",
                            "content": {"text/calendar": {"schema": {"type": "string"}}},
                        },
                        "400": bad_request,
                    },
                },
            },
        },
        "components": {
            "schemas": {
                "PublicAction": PUBLIC_ACTION,
                "ActionInput": ACTION_INPUT,
                "Errors": {
                    "type": "object",
                    "required": ["errors"],
                    "properties": {
                        "errors": {"type": "object", "additionalProperties": {"type": "string"}}
                    },
                },
            },
        },
    }
