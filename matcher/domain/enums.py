"""Enumerations of the domain (stored as their string values)."""

from __future__ import annotations

import enum

from matcher.domain.lazy_text import lazy_gettext as _l


class TargetType(enum.StrEnum):
    """Kinds of target named in the call to action."""

    detention_center = "detention_center"
    corporate_profiteer = "corporate_profiteer"
    local_government = "local_government"
    federal_agency = "federal_agency"
    political_figure = "political_figure"
    other = "other"

    @property
    def label(self) -> str:
        """Human-readable, translated name."""
        return str(TARGET_TYPE_LABELS[self])


TARGET_TYPE_LABELS = {
    TargetType.detention_center: _l("Detention center, camp, jail or shelter"),
    TargetType.corporate_profiteer: _l("Corporate profiteer"),
    TargetType.local_government: _l("Local government collaborating with ICE"),
    TargetType.federal_agency: _l("Federal agency (ICE, CBP, immigration court)"),
    TargetType.political_figure: _l("Political figure's local office"),
    TargetType.other: _l("Other"),
}


STATUS_LABELS = {
    "pending": _l("pending"),
    "published": _l("published"),
    "withdrawn": _l("withdrawn"),
    "removed": _l("removed"),
    "approved": _l("approved"),
    "rejected": _l("rejected"),
    "superseded": _l("superseded"),
    "requested": _l("requested"),
    "accepted_by_one": _l("accepted by one side"),
    "introduced": _l("introduced"),
    "replied": _l("replied"),
    "declined": _l("declined"),
    "expired": _l("expired"),
}


class ActionStatus(enum.StrEnum):
    """Life cycle of a submitted action."""

    pending = "pending"  # waiting for the organizer to verify their email
    published = "published"
    withdrawn = "withdrawn"
    removed = "removed"  # removed by a coordinator (spam, abuse)


class Precision(enum.StrEnum):
    """How exactly a geocode places an action."""

    address = "address"
    facility = "facility"  # a detention facility or office of the catalog
    postcode = "postcode"
    city = "city"
    county = "county"
    region = "region"
    state = "state"


class SuggestionStatus(enum.StrEnum):
    """Review state of a suggested introduction."""

    pending = "pending"
    approved = "approved"
    rejected = "rejected"
    superseded = "superseded"


class IntroductionStatus(enum.StrEnum):
    """Double opt-in state of an introduction."""

    requested = "requested"
    accepted_by_one = "accepted_by_one"
    introduced = "introduced"
    replied = "replied"
    declined = "declined"
    expired = "expired"


class EmailStatus(enum.StrEnum):
    """Delivery state of an outgoing message."""

    queued = "queued"
    sending = "sending"  # claimed by a send job (see matcher/mail/sending.py)
    sent = "sent"
    failed = "failed"
    bounced = "bounced"
    cancelled = "cancelled"


class TokenPurpose(enum.StrEnum):
    """What a link sent by email allows."""

    verify = "verify"
    manage = "manage"
    optin = "optin"  # answer an introduction request (accept or decline)


class CoordinatorRole(enum.StrEnum):
    """Roles of coordinator accounts."""

    admin = "admin"
    coordinator = "coordinator"


class OrganizationTagKind(enum.StrEnum):
    """Self-described tags of an organization (shown once a coordinator reviewed them)."""

    immigrant_led = "immigrant_led"
    indigenous_led = "indigenous_led"
    faith = "faith"
    labor = "labor"
    student = "student"
    legal_support = "legal_support"
    mutual_aid = "mutual_aid"

    @property
    def label(self) -> str:
        """Human-readable, translated name."""
        return str(ORGANIZATION_TAG_LABELS[self])


ORGANIZATION_TAG_LABELS = {
    OrganizationTagKind.immigrant_led: _l("immigrant-led"),
    OrganizationTagKind.indigenous_led: _l("indigenous-led"),
    OrganizationTagKind.faith: _l("faith"),
    OrganizationTagKind.labor: _l("labor"),
    OrganizationTagKind.student: _l("student"),
    OrganizationTagKind.legal_support: _l("legal support"),
    OrganizationTagKind.mutual_aid: _l("mutual aid"),
}
# The call asks every action to reach out to these first.
PRIORITY_TAGS = (OrganizationTagKind.immigrant_led, OrganizationTagKind.indigenous_led)


class ReviewStatus(enum.StrEnum):
    """A coordinator's decision on a tag change or a coalition introduction request."""

    pending = "pending"
    approved = "approved"
    rejected = "rejected"
