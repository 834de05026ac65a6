"""The public page in a real browser: list, filters, map markers, language switch, calendar,
and an automated accessibility check (axe-core) of every kind of page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.seed import PASSWORD
from tests.browser.shots import screenshot_path

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def test_list_filters_and_map(live_server, page):
    page.goto(live_server.url + "/")
    expect(page.locator("ol.actions > li")).to_have_count(27)
    expect(page.locator("#map")).to_have_attribute("data-markers", "27")
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(27)
    # Outlines drawn by the app itself, under the markers: no tiles, no network.
    expect(page.locator("#map")).to_have_attribute("data-outlines", "56")
    assert page.locator(".leaflet-outlines-pane path").count() >= 50
    box = page.locator("#map").bounding_box()  # the intro, the filters and the whole map
    clip = {"x": 0, "y": 0, "width": 1280, "height": box["y"] + box["height"] + 16}
    page.screenshot(path=screenshot_path("public-page.png"), full_page=True, clip=clip)
    while float(page.locator("#map").get_attribute("data-zoom") or 0) < 7:
        page.locator(".leaflet-control-zoom-in").click()  # zoomed in, counties appear too
        page.wait_for_timeout(400)
    expect(page.locator("#map")).to_have_attribute(
        "data-counties_shown", re.compile(r"^\d{4}$"), timeout=15_000
    )

    page.get_by_label("State").select_option("CA")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"state=CA"))
    expect(page.locator("ol.actions > li")).to_have_count(6)
    expect(page.locator("#map")).to_have_attribute("data-markers", "6")

    page.get_by_label("Search").fill("otay")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("ol.actions > li")).to_have_count(2)


def test_language_switch_is_remembered(live_server, page):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Acciones locales")
    page.goto(live_server.url + "/submit")
    expect(page.get_by_role("heading", level=1)).to_have_text("Añade tu acción")
    expect(page.get_by_label("Título")).to_be_visible()


def test_browser_language_is_the_default(live_server, browser):
    context = browser.new_context(locale="es-MX")
    page = context.new_page()
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    context.close()


def test_add_to_calendar_downloads_an_ics(live_server, page):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Unión del Barrio at Otay Mesa").click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    path = info.value.path()
    calendar = Calendar.from_ical(Path(path).read_bytes())
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Unión del Barrio at Otay Mesa"


@pytest.fixture
def axe_page(browser):
    """A page that may inject axe-core (the app's CSP rightly refuses inline scripts)."""
    context = browser.new_context(locale="en-US", bypass_csp=True)
    yield context.new_page()
    context.close()


def _serious_violations(page) -> list[str]:
    page.add_script_tag(content=AXE.read_text())
    results = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?lang=es",
        "/submit",
        "/targets",
        "/organizations",
        "/organizations/1",
        "/coordinate/login",
        "ACTION",
        "TARGET",
    ],
)
def test_pages_pass_axe(live_server, axe_page, path):
    page = axe_page
    if not AXE.exists():
        pytest.fail("axe-core is missing: `make test` installs it with npm ci")
    if path in ("ACTION", "TARGET"):
        page.goto(live_server.url + "/")
        link = "ol.actions h2 a" if path == "ACTION" else ".meta + p a"
        page.locator(link).first.click()
    else:
        page.goto(live_server.url + path)
    assert _serious_violations(page) == []


def test_coordinator_pages_pass_axe(live_server, axe_page):
    page = axe_page
    page.goto(live_server.url + "/coordinate/login")
    page.get_by_label("Email").fill("admin@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    for path in (
        "/coordinate/",
        "/coordinate/suggestions",
        "/coordinate/regions",
        "/coordinate/actions?view=published",
        "/coordinate/coordinators",
        "/coordinate/movement",
        "/coordinate/introduction-requests",
        "/coordinate/tags",
        "/coordinate/tags/1",
        "/coordinate/suggestions?status=rejected&q=san",
        "/coordinate/decisions",
        "/coordinate/audit",
        "/coordinate/introductions/",
    ):
        page.goto(live_server.url + path)
        assert _serious_violations(page) == [], path


def test_map_tooltips_and_popups_show_titles_as_text(live_server, page):
    hostile = '<b id="injected">Bold</b><img src=x id="img-injected">'
    feature = {
        "type": "Feature",
        "id": "x",
        "geometry": {"type": "Point", "coordinates": [-117.16, 32.72]},
        "properties": {
            "title": hostile,
            "date": "2027-10-10",
            "place": hostile,
            "url": "/actions/x",
            "target_type": "other",
            "target": "",
            "organizations": [],
        },
    }
    page.route(
        re.compile(r".*/feeds/actions\.geojson.*"),
        lambda route: route.fulfill(
            json={"type": "FeatureCollection", "features": [feature]},
            headers={"Content-Type": "application/geo+json"},
        ),
    )
    page.goto(live_server.url + "/")
    expect(page.locator("#map")).to_have_attribute("data-markers", "1")
    marker = page.locator("#map path.leaflet-interactive")
    marker.hover()
    tooltip = page.locator(".leaflet-tooltip")
    expect(tooltip).to_have_text(hostile)
    marker.click()
    expect(page.locator(".leaflet-popup-content")).to_contain_text(hostile)
    assert page.locator("#injected, #img-injected").count() == 0
