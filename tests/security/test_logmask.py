"""Log lines never carry email addresses or private link tokens."""

from __future__ import annotations

import logging

from matcher.security.logmask import MaskingFilter, mask


def test_mask_addresses_and_tokens():
    line = (
        "sending to rosa.tester+x@example.org failed; GET /manage/IjZhbWZl.SoY_oH?x=1 "
        "and /introductions/abc.DEF-1/accept and /verify/Ikh.ow"
    )
    masked = mask(line)
    assert "rosa" not in masked and "***@example.org" in masked
    assert "IjZhbWZl" not in masked and "/manage/…?x=1" in masked
    assert "/introductions/…/accept" in masked and "/verify/…" in masked


def test_filter_rewrites_formatted_records():
    record = logging.LogRecord(
        "matcher",
        logging.WARNING,
        __file__,
        1,
        "bounce from %s for %s",
        ("a@example.org", "/unsubscribe/t0k3n"),
        None,
    )
    assert MaskingFilter().filter(record) is True
    assert record.getMessage() == "bounce from ***@example.org for /unsubscribe/…"
