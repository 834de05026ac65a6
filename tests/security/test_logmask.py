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
    assert "rosa" not in masked and "example.org" not in masked  # the domain says who, too
    assert "sending to [email] failed" in masked
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
    assert record.getMessage() == "bounce from [email] for /unsubscribe/…"


def test_mask_phone_numbers_but_not_dates_times_ids_or_addresses_of_machines():
    line = (
        "call +1 (619) 555-0100 or 619.555.0100 or +52 664 123 4567; "
        "at 2027-10-12 10:00:00, request 4821337 from 203.0.113.9 took 12.5 ms"
    )
    masked = mask(line)
    assert "555" not in masked and "664 123" not in masked
    assert masked.count("[phone]") == 3
    assert "2027-10-12 10:00:00" in masked and "4821337" in masked and "203.0.113.9" in masked
