"""The field rules (pure): the short way to judge a plain address agrees with
`email_validator` judging the whole address."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from hypothesis import example, given, settings
from hypothesis import strategies as st

from matcher.formats.address_rules import email_address
from matcher.formats.field_rule import RuleError

ATOM = st.text(alphabet="aZ09_+-.", min_size=0, max_size=70)
LABEL = st.text(alphabet="abZ09-", min_size=0, max_size=66)
TLDS = st.sampled_from(
    ["org", "com", "test", "local", "localhost", "invalid", "1", "xn--p1ai", "co"]
)
domains = st.builds(
    lambda labels, tld: ".".join([*labels, tld]), st.lists(LABEL, min_size=0, max_size=3), TLDS
)


def _expected(address: str) -> str | None:
    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


def _ours(address: str) -> str | None:
    try:
        return email_address(address)
    except RuleError:
        return None


@settings(max_examples=1500, deadline=None)
@given(local=ATOM, domain=domains)
@example(local="a" * 64, domain="example.org")
@example(local="a" * 65, domain="example.org")
@example(local="Ana.Maria", domain="Example.ORG")
@example(local="a", domain="-bad.org")
@example(local="a", domain="x" * 64 + ".org")
@example(local="a", domain="localhost")
def test_plain_addresses_get_email_validators_answer(local, domain):
    address = f"{local}@{domain}"
    assert _ours(address) == _expected(address)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_text_gets_email_validators_answer(text):
    assert _ours(text) == _expected(text)
