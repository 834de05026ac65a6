"""`matcher import FILE.csv` and `matcher demo` through the app's CLI."""

from __future__ import annotations

from sqlalchemy import func, select

from matcher.models import Action, ActionStatus, OutboundEmail

HEADER = (
    "ref,title,date,location,target_type,target,organizations,contact_name,contact_email,"
    "language,intro_region,intro_target,public\n"
)
GOOD = (
    HEADER
    + 'sd-1,Vigil,2027-10-12,"San Diego, CA",detention_center,Otay Mesa,A;B,Ana,ana@example.org,'
    "es,yes,no,yes\n"
    + "mn-1,March,2027-10-10,Minneapolis MN,federal_agency,,C,Bo,bo@example.org,,,,\n"
)


def write(tmp_path, text, name="actions.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def count(db, model=Action):
    return db.session.scalar(select(func.count(model.id)))


def test_import_publishes_and_notifies(runner, db, tmp_path, outbox):
    result = runner.invoke(args=["import", write(tmp_path, GOOD)])
    assert result.exit_code == 0, result.output
    assert "created 2 actions" in result.output
    actions = db.session.scalars(select(Action).order_by(Action.ref)).all()
    assert [a.status for a in actions] == [ActionStatus.published] * 2
    mn, sd = actions
    assert (sd.language, sd.intro_region, sd.intro_target) == ("es", True, False)
    assert [o.name for o in sd.organizations] == ["A", "B"]
    assert (mn.language, mn.intro_region, mn.listed_publicly) == ("en", False, True)
    assert len(outbox.files()) == 2
    assert "/manage/" in outbox.last_text()


def test_reimport_skips_known_refs(runner, db, tmp_path):
    path = write(tmp_path, GOOD)
    runner.invoke(args=["import", "--no-notify", path])
    result = runner.invoke(args=["import", "--no-notify", path])
    assert "created 0 actions, skipped 2" in result.output
    assert count(db) == 2


def test_bad_rows_import_nothing_and_name_row_and_column(runner, db, tmp_path):
    bad = GOOD + "x-3,Rally,2027-13-01,Denver CO,church,,,Cy,cy@example,en,perhaps,no,yes\n"
    result = runner.invoke(args=["import", write(tmp_path, bad)])
    assert result.exit_code == 2
    for column in ("date", "target_type", "contact_email", "intro_region"):
        assert f"row 3 (line 4), column {column}:" in result.output
    assert "nothing imported" in result.output
    assert count(db) == 0
    assert count(db, OutboundEmail) == 0


def test_missing_column_duplicate_ref_and_encoding(runner, db, tmp_path):
    result = runner.invoke(args=["import", write(tmp_path, "title,date\nA,2027-10-12\n")])
    assert result.exit_code == 2
    assert "header, column location: missing column" in result.output
    dup = GOOD + GOOD.splitlines()[1] + "\n"
    result = runner.invoke(args=["import", write(tmp_path, dup, "dup.csv")])
    assert result.exit_code == 2
    assert "row 3 (line 4), column ref: same ref as row 1" in result.output
    latin = tmp_path / "latin.csv"
    latin.write_bytes(GOOD.replace("San Diego", "Sán Diego").encode("latin-1"))
    result = runner.invoke(args=["import", str(latin)])
    assert result.exit_code == 2
    assert "not UTF-8" in result.output
    result = runner.invoke(args=["import", str(tmp_path / "missing.csv")])
    assert result.exit_code == 2
    assert count(db) == 0


def test_demo_loads_the_call_once(runner, db):
    result = runner.invoke(args=["demo", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert "loaded 27 actions" in result.output
    again = runner.invoke(args=["demo", "--if-empty"])
    assert "nothing loaded" in again.output
    assert count(db) == 27
    anchorage = db.session.scalar(select(Action).where(Action.ref == "demo-anchorage-1011"))
    assert anchorage.status == ActionStatus.published
    assert anchorage.contact_email.endswith("@example.org")
    assert anchorage.date.month == 10 and anchorage.date.day == 11


def test_an_organization_inserted_meanwhile_is_reused(db):
    from matcher.models import Organization
    from matcher.operations.organizations import _insert_or_find

    db.session.add(Organization(name="Unión del Barrio", key="union del barrio"))
    db.session.flush()
    found = _insert_or_find("Union del Barrio", "union del barrio")  # the race's loser
    assert found.name == "Unión del Barrio"
    assert db.session.scalar(select(func.count(Organization.id))) == 1


COMPARED = (
    "title",
    "description",
    "date",
    "start_time",
    "end_time",
    "timezone",
    "timezone_from_place",
    "location_text",
    "venue",
    "latitude",
    "longitude",
    "precision",
    "geocode_source",
    "geocode_match",
    "place",
    "facility_id",
    "public_latitude",
    "public_longitude",
    "state",
    "needs_location",
    "place_alternatives",
    "target_type",
    "target",
    "contact_name",
    "contact_email",
    "contact_email_index",
    "contact_phone",
    "language",
    "listed_publicly",
    "intro_region",
    "intro_target",
    "accepts_messages",
    "status",
)


def test_the_bulk_import_stores_what_one_submission_at_a_time_stored(db):
    from dataclasses import replace

    from matcher.models import AuditEntry
    from matcher.operations.geocoding import locate
    from matcher.operations.imports import demo_rows, import_rows
    from matcher.operations.submissions import build_action, publish

    rows = demo_rows()
    rows[0] = replace(rows[0], action=replace(rows[0].action, latitude=None, longitude=None))
    rows[1] = replace(rows[1], action=replace(rows[1].action, timezone="America/Denver"))
    result = import_rows(rows, notify=False, source="csv")
    assert len(result.created) == len(rows) == 27
    for row in rows:
        bulk = db.session.scalar(select(Action).where(Action.ref == row.action.ref))
        one = build_action(replace(row.action, ref=None), source="csv", geocode=False)
        locate(one)
        publish(one, actor_kind="coordinator", match=False)
        db.session.flush()
        for name in COMPARED:
            assert getattr(bulk, name) == getattr(one, name), (row.action.ref, name)
        assert {o.id for o in bulk.organizations} == {o.id for o in one.organizations}
        for name in ("created_at", "updated_at", "verified_at", "published_at"):
            assert abs(getattr(bulk, name) - getattr(one, name)).total_seconds() < 300, name
        kinds = [(c.kind, c.granted, c.source) for c in bulk.consents]
        assert kinds == [(c.kind, c.granted, c.source) for c in one.consents]
    published = select(func.count(AuditEntry.id)).where(AuditEntry.verb == "publish")
    assert db.session.scalar(published) == 2 * 27


def test_imported_actions_are_written_with_the_regions_the_match_gives_them(db):
    from matcher.models import Region
    from matcher.operations.imports import demo_rows, import_rows
    from matcher.operations.matching import run_match

    def regions_of(refs):
        query = select(Action.ref, Action.region_id).where(Action.ref.in_(refs))
        return dict(db.session.execute(query).all())

    rows = demo_rows()
    import_rows(rows[:12], notify=False)
    run_match()
    new = [row.action.ref for row in rows[12:]]
    import_rows(rows[12:], notify=False)  # near the stored ones, and regions of their own
    db.session.expire_all()
    written = regions_of(new)
    regions = set(db.session.execute(select(Region.id, Region.name)).all())
    assert sum(region is not None for region in written.values()) >= 5
    run_match()  # (it may give a stored action the region a new neighbour makes)
    db.session.expire_all()
    assert regions_of(new) == written
    assert set(db.session.execute(select(Region.id, Region.name)).all()) == regions
