"""Where the public is told an action is: never a private address that happened to be typed
in the location field, never a street an online geocoder returned."""

from __future__ import annotations

import json

from geopy.location import Location
from sqlalchemy import select

from matcher.models import Action, Precision
from matcher.operations.geocoding import apply_location
from tests.support.forms import submit_action, submit_form
from tests.support.helpers import links_in

SECRET_PLACE = "45 Calle Secreta, back door, apt 3"
PUBLIC_PATHS = (
    "/",
    "/api/v1/actions",
    "/feeds/actions.ics",
    "/feeds/actions.geojson",
    "/api/osdi/v1/events",
)


def _published(client, outbox, **fields) -> None:
    response = submit_action(client, location=SECRET_PLACE, **fields)
    assert response.status_code == 302
    assert submit_form(client, links_in(outbox.last_text())["verify"]).status_code == 200


def _everything_public(client, db) -> str:
    action = db.session.scalar(select(Action))
    pages = [client.get(path).get_data(as_text=True) for path in PUBLIC_PATHS]
    pages.append(client.get(f"/actions/{action.slug}").get_data(as_text=True))
    pages.append(client.get(f"/api/v1/actions/{action.slug}").get_data(as_text=True))
    pages.append(client.get(f"/actions/{action.slug}.ics").get_data(as_text=True))
    return "\n".join(pages)


def test_an_unplaceable_private_location_is_never_published(client, db, outbox):
    _published(client, outbox, venue="", address_public="")
    action = db.session.scalar(select(Action))
    assert action.needs_location and action.is_public
    public = _everything_public(client, db)
    assert "Calle Secreta" not in public and "back door" not in public
    assert "Location to be announced" in public
    api = json.loads(client.get(f"/api/v1/actions/{action.slug}").get_data(as_text=True))
    assert api["location"] == "Location to be announced"


def test_a_published_address_is_shown_as_typed(client, db, outbox):
    _published(client, outbox, venue="", address_public="y")
    assert SECRET_PLACE in _everything_public(client, db)


def test_an_online_geocoders_street_is_published_as_its_city(app, db):
    action = Action(location_text=SECRET_PLACE, address_public=False)
    street = Location(
        "45, Calle Secreta, Oakland, Alameda County, California, 94612, United States",
        (37.8049, -122.2711),
        {
            "place": "45, Calle Secreta, Oakland, California, 94612, United States",
            "precision": "address",
            "source": "nominatim",
            "match": "provider",
            "state": "CA",
        },
    )

    class Provider:  # a geocoder that, like Nominatim, answers a street with the street
        def geocode(self, query):
            return street

    apply_location(action, street, Provider())
    assert action.precision == Precision.address
    assert "Calle Secreta" not in action.place and action.place.startswith("Oakland")
    assert (action.public_latitude, action.public_longitude) != (37.8049, -122.2711)


def test_given_coordinates_reversed_by_an_online_geocoder_publish_only_the_city(app, db):
    action = Action(location_text="Oakland", latitude=37.8049, longitude=-122.2711)
    action.geocode_source = "provided"
    house = Location(
        "45, Calle Secreta, Oakland, California, 94612, United States",
        (37.8049, -122.2711),
        {
            "place": "45, Calle Secreta, Oakland, California, 94612, United States",
            "precision": "address",
            "source": "photon",
            "state": "CA",
        },
    )
    apply_location(action, house)
    assert action.place.startswith("Oakland") and "Secreta" not in action.place
    assert (action.public_latitude, action.public_longitude) != (37.8049, -122.2711)
