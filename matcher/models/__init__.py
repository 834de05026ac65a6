"""SQLAlchemy 2 typed models of the domain (DESIGN.md section 3).

May import: `matcher.domain` (the enumerations) and `matcher.security.crypto` (encrypted
column types), nothing else of the package.
"""

from matcher.domain.enums import (
    ActionStatus,
    CoordinatorRole,
    EmailStatus,
    IntroductionStatus,
    OrganizationTagKind,
    Precision,
    ReviewStatus,
    SuggestionStatus,
    TargetType,
    TokenPurpose,
)
from matcher.models.actions import Action, ConsentEvent, Organization, Token, action_organizations
from matcher.models.base import Base, utcnow
from matcher.models.catalog import CatalogEntry
from matcher.models.coordinators import AuditEntry, Coordinator
from matcher.models.emails import InboundEmail, OutboundEmail, Suppression, WebhookSignature
from matcher.models.geocodes import GeocodeCacheEntry
from matcher.models.introductions import Introduction
from matcher.models.organizations import (
    CoalitionRequest,
    OrganizationAlias,
    OrganizationTag,
    TagChange,
)
from matcher.models.public_data import PublicDataVersion
from matcher.models.regions import Region
from matcher.models.saved_filters import SavedFilter
from matcher.models.suggestions import Suggestion

__all__ = [
    "Action",
    "ActionStatus",
    "AuditEntry",
    "Base",
    "CatalogEntry",
    "CoalitionRequest",
    "ConsentEvent",
    "Coordinator",
    "CoordinatorRole",
    "EmailStatus",
    "GeocodeCacheEntry",
    "InboundEmail",
    "Introduction",
    "IntroductionStatus",
    "Organization",
    "OrganizationAlias",
    "OrganizationTag",
    "OrganizationTagKind",
    "OutboundEmail",
    "Precision",
    "PublicDataVersion",
    "Region",
    "ReviewStatus",
    "SavedFilter",
    "Suggestion",
    "SuggestionStatus",
    "Suppression",
    "TagChange",
    "TargetType",
    "Token",
    "TokenPurpose",
    "WebhookSignature",
    "action_organizations",
    "utcnow",
]
