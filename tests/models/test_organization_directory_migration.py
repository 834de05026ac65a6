"""Migration 0012 gives every stored organization its alias and merges the spellings of one."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from matcher import create_app
from matcher.migrations import alembic_config
from tests.support.databases import own_database

ACTION = (
    "INSERT INTO actions (id, slug, title, description, date, location_text, address_public,"
    " needs_location, target_type, target, contact_name, contact_email, contact_email_index,"
    " language, listed_publicly, intro_region, intro_target, status, created_at, updated_at,"
    " timezone_from_place, accepts_messages, place_confirmed)"
    " VALUES ({id}, 's{id}', 'March', '', '2027-10-10', 'enc1:x', false, false,"
    " 'other', '', 'enc1:x', 'enc1:x', 'idx{id}', 'en', true, true, true, 'published',"
    " '2027-01-01 00:00:00+00', '2027-01-01 00:00:00+00', true, false, false)"
)
ORGANIZATIONS = {1: "MIRAC", 2: "Minnesota Immigrant Rights Action Committee (MIRAC)", 3: "CTUL"}
LINKS = [(1, 1), (1, 3), (2, 2), (2, 1), (2, 3)]  # action 2 named MIRAC twice, two ways


def test_spellings_of_one_organization_are_merged(tmp_path, monkeypatch):
    monkeypatch.setenv("MATCHER_INSTANCE_PATH", str(tmp_path))
    with own_database(tmp_path) as url:
        app = create_app({"TESTING": True, "DATABASE_URL": url})
        engine = app.extensions["matcher.engine"]
        with app.app_context():
            command.upgrade(alembic_config(), "0009")
            with engine.begin() as connection:
                for action_id in (1, 2):
                    connection.execute(text(ACTION.format(id=action_id)))
                for org_id, name in ORGANIZATIONS.items():
                    connection.execute(
                        text("INSERT INTO organizations (id, name, key) VALUES (:i, :n, :k)"),
                        {"i": org_id, "n": name, "k": name.casefold()},
                    )
                for action_id, org_id in LINKS:
                    connection.execute(
                        text("INSERT INTO action_organizations VALUES (:a, :o)"),
                        {"a": action_id, "o": org_id},
                    )
            command.upgrade(alembic_config(), "0012")
            with engine.connect() as connection:
                organizations = connection.execute(
                    text("SELECT id, name FROM organizations ORDER BY id")
                ).all()
                links = connection.execute(
                    text("SELECT * FROM action_organizations ORDER BY 1, 2")
                ).all()
                aliases = connection.execute(
                    text("SELECT organization_id, name FROM organization_aliases ORDER BY id")
                ).all()
            command.downgrade(alembic_config(), "0009")
        engine.dispose()
    assert [tuple(row) for row in organizations] == [(1, "MIRAC"), (3, "CTUL")]
    assert [tuple(row) for row in links] == [(1, 1), (1, 3), (2, 1), (2, 3)]
    assert [tuple(row) for row in aliases] == [
        (1, "MIRAC"),
        (1, "Minnesota Immigrant Rights Action Committee (MIRAC)"),
        (3, "CTUL"),
    ]
