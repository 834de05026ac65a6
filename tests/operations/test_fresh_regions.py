"""Regions stay fresh without a manual `matcher match`: recomputed by a job (beat hourly,
`matcher regions` from cron), and after the commit when an action is published far from every
region with enough neighbours to make one. A region found again keeps its id."""

from __future__ import annotations

from sqlalchemy import func, select

from matcher.jobs.celery_app import BEAT_SCHEDULE
from matcher.models import Action, AuditEntry, Region
from matcher.operations.matching import refresh_regions, run_match
from matcher.operations.submissions import match_after_commit
from tests.support.helpers import make_action


def _refreshes(db) -> int:
    query = select(func.count(AuditEntry.id)).where(AuditEntry.verb == "refresh_regions")
    return db.session.scalar(query)


def test_a_far_away_publication_makes_its_region_after_the_commit(app, db):
    make_action(db, place="San Diego, CA", title="Vigil one")
    make_action(db, place="Chula Vista, CA", title="Vigil two")
    lonely = make_action(db, place="Bakersfield, CA", title="Bakersfield rally")
    run_match()
    db.commit()
    [san_diego] = [r.name for r in db.session.scalars(select(Region))]
    assert "San Diego" in san_diego  # named by the metro it sits in
    assert lonely.region_id is None
    newcomer = make_action(db, place="Bakersfield, CA", title="Bakersfield march")
    match_after_commit(newcomer.id)  # as publishing does
    db.commit()  # in-process: match_action, then refresh_regions after its own commit
    db.session.expire_all()
    names = sorted(r.name for r in db.session.scalars(select(Region)))
    assert len(names) == 2 and san_diego in names
    regions = {a.title: a.region_id for a in db.session.scalars(select(Action))}
    assert regions["Bakersfield rally"] == regions["Bakersfield march"] is not None
    assert _refreshes(db) == 1


def test_an_isolated_publication_recomputes_nothing(app, db):
    make_action(db, place="San Diego, CA", title="Vigil one")
    make_action(db, place="Chula Vista, CA", title="Vigil two")
    run_match()
    db.commit()
    alone = make_action(db, place="Anchorage, AK", title="Anchorage vigil")
    match_after_commit(alone.id)
    db.commit()
    assert _refreshes(db) == 0


def test_a_region_found_again_keeps_its_id_and_the_job_is_scheduled(app, db, runner):
    make_action(db, place="San Diego, CA", title="Vigil one")
    make_action(db, place="Chula Vista, CA", title="Vigil two")
    refresh_regions()
    db.commit()
    first = db.session.scalar(select(Region.id))
    result = runner.invoke(args=["regions"])
    assert result.exit_code == 0 and "regions: 1 regions" in result.output
    db.session.expire_all()
    assert db.session.scalar(select(Region.id)) == first
    assert BEAT_SCHEDULE["refresh-regions"]["task"] == "matcher.refresh_regions"
