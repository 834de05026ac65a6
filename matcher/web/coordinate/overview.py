"""Dashboard figures, the regions view, and the CSV export of introductions."""

from __future__ import annotations

import csv
import io

from flask import Response, render_template
from flask_login import current_user

from matcher.extensions import db
from matcher.operations import audit
from matcher.queries.coordination import dashboard_figures, export_rows, regions_with_actions
from matcher.web.coordinate import bp
from matcher.web.coordinate.forms import ConfirmForm

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """Neutralize spreadsheet formulas (CSV injection)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


@bp.get("/")
def dashboard() -> str:
    """Figures at a glance."""
    return render_template(
        "coordinate/dashboard.html",
        figures=dashboard_figures(current_user),
        logout_form=ConfirmForm(),
    )


@bp.get("/regions")
def regions() -> str:
    """Region clusters with their actions."""
    return render_template("coordinate/regions.html", regions=regions_with_actions(current_user))


@bp.get("/introductions.csv")
def export_introductions() -> Response:
    """Approved introductions as CSV, with contact details only where the role allows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    count = -1
    for row in export_rows(current_user):
        writer.writerow([_cell(value) for value in row])
        count += 1
    audit.record(
        "export_introductions",
        "introductions",
        None,
        actor_kind="coordinator",
        coordinator_id=current_user.id,
        rows=count,
    )
    db.commit()
    return Response(
        buffer.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=introductions.csv"},
    )
