"""The public response cache: hits, invalidation on every public change, languages kept apart,
private pages never cached, ETags answered with 304, and both stores."""

from __future__ import annotations

import gzip
import time
import uuid

import pytest
from sqlalchemy import select, text, update

from matcher.cache.stores import Entry, MemoryStore, RedisStore
from matcher.models import Action
from matcher.web import public_cache
from tests.support.coordinators import log_in, make_coordinator
from tests.support.forms import link_to, submit_action, submit_form
from tests.support.helpers import REDIS_URL, action_fields, links_in, make_action, require_redis

SPANISH = "Acciones locales contra la detención de inmigrantes"
ENGLISH = "Local actions against immigrant detention"
CACHED_READS = ["/", "/api/v1/actions", "/feeds/actions.geojson", "/feeds/actions.ics"]


def sneak_title(db, title: str) -> None:
    """Change every title behind the cache's back (raw SQL is not watched)."""
    db.session.execute(text("UPDATE actions SET title = :title"), {"title": title})
    db.session.expire_all()


def another_process_changes_title(db, title: str) -> None:
    """What another worker's public change leaves here: new data and a new count in the
    database, but no bump of this process's cache."""
    sneak_title(db, title)
    db.session.execute(text("UPDATE public_data_version SET version = version + 1"))


@pytest.fixture
def clock(monkeypatch):
    """The cache's wall clock, moved by hand."""
    now = [time.time()]
    monkeypatch.setattr(public_cache, "wall_clock", lambda: now[0])

    def advance(seconds: float) -> None:
        now[0] += seconds

    return advance


def body(response) -> str:
    return response.get_data(as_text=True)


def submitted(client, outbox) -> str:
    """Submit through the form and follow the verify link; the manage path."""
    submit_action(client)
    links = links_in(outbox.last_text())
    submit_form(client, links["verify"])
    return links["manage"]


@pytest.mark.parametrize("path", [*CACHED_READS, "/api/osdi/v1/events"])
def test_public_reads_are_served_from_the_cache(client, db, path):
    make_action(db, place="San Diego, CA", title="Vigil one")
    first = client.get(path)
    assert first.status_code == 200 and "Vigil one" in body(first)
    assert first.headers["Cache-Control"] == "public, max-age=30"
    assert first.headers["ETag"]
    sneak_title(db, "Sneaked in")
    second = client.get(path)
    assert "Vigil one" in body(second) and "Sneaked in" not in body(second)
    assert second.headers["Content-Type"] == first.headers["Content-Type"]
    assert second.headers.get("Content-Disposition") == first.headers.get("Content-Disposition")
    public_cache.clear()
    assert "Sneaked in" in body(client.get(path))


def test_another_workers_change_shows_once_the_ttl_is_over(app, client, db, clock):
    make_action(db, place="San Diego, CA", title="Vigil one")
    db.commit()
    assert "Vigil one" in body(client.get("/api/v1/actions"))
    another_process_changes_title(db, "Changed elsewhere")
    ttl = app.config["PUBLIC_CACHE_TTL"]
    clock(ttl * 0.75 - 1)  # checks fall in the TTL's last quarter: not yet
    assert "Vigil one" in body(client.get("/api/v1/actions"))
    clock(ttl * 0.25 + 2)
    assert "Changed elsewhere" in body(client.get("/api/v1/actions"))


def test_an_unchanged_entry_is_served_on_after_the_ttl_without_rendering(app, client, db, clock):
    make_action(db, place="San Diego, CA", title="Vigil one")
    db.commit()
    first = client.get("/feeds/actions.geojson")
    sneak_title(db, "Sneaked in")  # no public change counted: the entry stays current
    for _ in range(3):
        clock(app.config["PUBLIC_CACHE_TTL"] + 1)
        again = client.get("/feeds/actions.geojson")
        assert "Sneaked in" not in body(again) and again.headers["ETag"] == first.headers["ETag"]


def test_public_changes_are_counted_in_the_database_and_submissions_are_not(client, db, outbox):
    from matcher.cache.public_changes import public_data_version

    before = public_data_version(db.session)
    submit_action(client)
    assert public_data_version(db.session) == before
    submit_form(client, links_in(outbox.last_text())["verify"])
    published = public_data_version(db.session)
    assert published > before
    db.session.execute(update(Action).values(title="Bulk renamed"))
    assert public_data_version(db.session) == published  # counted at the commit
    db.commit()
    assert public_data_version(db.session) == published + 1


def test_publishing_through_the_emailed_link_shows_at_once(client, db, outbox):
    assert "Vigil at the detention center" not in body(client.get("/"))
    assert client.get("/api/v1/actions").get_json()["total"] == 0
    submitted(client, outbox)
    assert "Vigil at the detention center" in body(client.get("/"))
    assert client.get("/api/v1/actions").get_json()["total"] == 1


def test_a_pending_submission_does_not_empty_the_cache(client, db, outbox):
    make_action(db, place="San Diego, CA", title="Vigil one")
    db.commit()
    client.get("/api/v1/actions")
    assert client.post("/api/v1/actions", json=action_fields(public="yes")).status_code == 202
    sneak_title(db, "Sneaked in")
    assert "Vigil one" in body(client.get("/api/v1/actions"))


def test_edit_withdraw_republish_delete_show_at_once(client, db, outbox):
    manage = submitted(client, outbox)
    assert "Vigil at the detention center" in body(client.get("/"))
    submit_form(client, manage, {"title": "Renamed vigil"}, form="Save changes")
    assert "Renamed vigil" in body(client.get("/"))
    submit_form(client, manage, form="/withdraw")
    assert "Renamed vigil" not in body(client.get("/api/v1/actions"))
    submit_form(client, manage, form="/republish")
    assert "Renamed vigil" in body(client.get("/api/v1/actions"))
    delete = link_to(client, manage, "Delete the action and my contact details")
    submit_form(client, delete)
    assert "Renamed vigil" not in body(client.get("/feeds/actions.geojson"))


def test_geocoding_and_removal_by_a_coordinator_show_at_once(client, db):
    from matcher.operations.moderation import fix_location, remove_action

    action = make_action(db, place="San Diego, CA", title="Vigil one")
    admin = make_coordinator(db, "admin@example.org", admin=True)
    db.commit()
    before = client.get("/feeds/actions.geojson").get_json()["features"][0]["geometry"]
    fix_location(action, admin, location="Portland, OR", latitude="", longitude="")
    db.commit()
    after = client.get("/feeds/actions.geojson").get_json()["features"][0]["geometry"]
    assert after != before
    remove_action(action, admin)
    db.commit()
    assert client.get("/feeds/actions.geojson").get_json()["features"] == []


def test_language_variants_are_not_mixed(client, db):
    spanish = client.get("/", headers={"Accept-Language": "es"})
    english = client.get("/", headers={"Accept-Language": "en"})
    assert SPANISH in body(spanish) and ENGLISH in body(english)
    assert SPANISH in body(client.get("/", headers={"Accept-Language": "es"}))
    assert {"Accept-Language", "Cookie"} <= set(english.vary)
    switched = client.get("/?lang=es", headers={"Accept-Language": "en"})
    assert SPANISH in body(switched)
    assert switched.headers["Cache-Control"].startswith("private")
    assert SPANISH in body(client.get("/", headers={"Accept-Language": "en"}))  # the cookie
    client.delete_cookie("lang")
    assert ENGLISH in body(client.get("/", headers={"Accept-Language": "en"}))


def test_forms_and_pages_with_contact_data_are_never_cached(client, db, outbox):
    manage = submitted(client, outbox)
    public_cache.clear()
    make_coordinator(db, "admin@example.org", admin=True)
    private = ["/submit", manage, manage + "/delete", "/coordinate/login"]
    for path in private:
        response = client.get(path)
        assert "ETag" not in response.headers, path
        assert "public" not in response.headers.get("Cache-Control", ""), path
    log_in(client, "admin@example.org")
    action_id = db.session.scalar(select(Action.id))
    for path in ["/coordinate/actions", f"/coordinate/actions/{action_id}"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path
        assert "ETag" not in response.headers, path
    assert len(public_cache.current_store()) == 0


def test_flashed_messages_bypass_the_cache(client, db):
    client.get("/")
    with client.session_transaction() as session:
        session["_flashes"] = [("message", "Saved for you alone")]
    flashed = client.get("/")
    assert "Saved for you alone" in body(flashed)
    assert "ETag" not in flashed.headers
    assert "Saved for you alone" not in body(client.get("/"))


def test_etag_answers_a_conditional_get_with_304(client, db):
    make_action(db, place="San Diego, CA", title="Vigil one")
    etag = client.get("/api/v1/actions").headers["ETag"]
    again = client.get("/api/v1/actions", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    make_action(db, place="Portland, OR", title="Vigil two")
    changed = client.get("/api/v1/actions", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_big_bodies_go_gzip_compressed_to_clients_that_accept_it(client, db):
    for number in range(30):
        make_action(db, place="San Diego, CA", title=f"Vigil number {number}")
    plain = client.get("/feeds/actions.geojson")
    assert "Content-Encoding" not in plain.headers
    assert "Accept-Encoding" in plain.vary
    packed = client.get("/feeds/actions.geojson", headers={"Accept-Encoding": "br, gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.get_data()) == plain.get_data()
    assert len(packed.get_data()) * 4 < len(plain.get_data())
    assert packed.headers["Content-Type"] == plain.headers["Content-Type"]
    assert packed.headers["ETag"] != plain.headers["ETag"]
    again = client.get(
        "/feeds/actions.geojson",
        headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["ETag"]},
    )
    assert again.status_code == 304
    refused = client.get("/feeds/actions.geojson", headers={"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in refused.headers


def test_small_bodies_are_not_compressed(client, db):
    response = client.get("/api/v1/actions", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and len(response.get_data()) < public_cache.GZIP_MIN_BYTES
    assert "Content-Encoding" not in response.headers
    assert "Accept-Encoding" not in response.vary


def entry(version: int, content: bytes = b"{}") -> Entry:
    return Entry(
        version,
        "application/json",
        (("Content-Disposition", "inline"),),
        "e1",
        content,
        gzip.compress(content) if len(content) > 2 else b"",
    )


def test_memory_store_expires_and_keeps_the_most_recent():
    store = MemoryStore(keep=0.2, max_entries=2)
    for key in ("a", "b", "c"):
        store.save(key, entry(0))
    assert store.lookup("a") == (0, None)
    assert store.lookup("c") == (0, entry(0))
    store.bump()
    assert store.lookup("c") == (1, None)
    store.save("d", entry(1))
    time.sleep(0.25)
    assert store.lookup("d") == (1, None)


def test_redis_store_is_shared_between_processes():
    require_redis()
    prefix = f"matcher-test-{uuid.uuid4().hex}:"
    one, two = RedisStore(REDIS_URL, 30, prefix), RedisStore(REDIS_URL, 30, prefix)
    try:
        version, missing = one.lookup("k")
        assert missing is None
        one.save("k", entry(version, b"line one\nline two"))
        assert two.lookup("k") == (version, entry(version, b"line one\nline two"))
        two.bump()
        assert one.lookup("k")[0] == version + 1
    finally:
        one.clear()
        one._redis.delete(one.version_key)


def test_redis_store_sends_a_body_only_to_processes_that_have_not_seen_it():
    require_redis()
    prefix = f"matcher-test-{uuid.uuid4().hex}:"
    one, two = RedisStore(REDIS_URL, 30, prefix), RedisStore(REDIS_URL, 30, prefix)
    kept = entry(0, b"a body big enough to be worth keeping" * 100)
    try:
        one.save("k", kept)
        assert two.lookup("k") == (0, kept)  # fetched once
        one._redis.delete(one._content_key(kept.etag))  # the content is gone from Redis
        assert two.lookup("k") == (0, kept)  # still served: two knew it already
        assert RedisStore(REDIS_URL, 30, prefix).lookup("k") == (0, None)  # a newcomer misses
        two.save("k", kept)  # saving again puts back what Redis lost
        assert RedisStore(REDIS_URL, 30, prefix).lookup("k") == (0, kept)
    finally:
        one.clear()


def test_an_unreachable_redis_is_a_cache_miss_not_an_error(app, client, db, monkeypatch):
    dead = RedisStore("redis://127.0.0.1:1/0", 30, "matcher-test-dead:", pause=60)
    assert dead.lookup("k") == (-1, None)
    dead.bump()
    dead._redis = None  # paused after the failure: the store does not touch the client
    assert dead.lookup("k") == (-1, None)
    dead.save("k", entry(3))
    monkeypatch.setitem(app.extensions, "matcher.public_cache", dead)
    make_action(db, place="San Diego, CA", title="Vigil one")
    db.commit()
    for path in CACHED_READS:
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Vigil one" in body(client.get("/api/v1/actions"))
