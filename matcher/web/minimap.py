"""A small SVG map of two places (no scripts, no tiles: it works offline and under the CSP)."""

from __future__ import annotations

import math

from markupsafe import Markup, escape

WIDTH, HEIGHT, PAD = 220, 140, 24


def _project(lat: float, lon: float, box: tuple[float, float, float, float]) -> tuple[float, float]:
    south, west, north, east = box
    x = PAD + (lon - west) / (east - west) * (WIDTH - 2 * PAD)
    y = PAD + (north - lat) / (north - south) * (HEIGHT - 2 * PAD)
    return round(x, 1), round(y, 1)


def two_places(
    a: tuple[float | None, float | None, str], b: tuple[float | None, float | None, str]
) -> Markup:
    """An SVG with both places as dots, the line between them and their names."""
    points = [(lat, lon, name) for lat, lon, name in (a, b) if lat is not None and lon is not None]
    if not points:
        return Markup("")
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    mid = math.cos(math.radians(sum(lats) / len(lats)))
    span = max(max(lats) - min(lats), (max(lons) - min(lons)) * mid, 0.2) / 2 * 1.15
    clat, clon = (max(lats) + min(lats)) / 2, (max(lons) + min(lons)) / 2
    aspect = (WIDTH - 2 * PAD) / (HEIGHT - 2 * PAD)
    box = (clat - span, clon - span * aspect / mid, clat + span, clon + span * aspect / mid)
    xy = [_project(lat, lon, box) for lat, lon, _ in points]
    parts = [
        f'<svg class="minimap" role="img" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(' / '.join(name for *_, name in points))}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#eef3f7" stroke="#9aa"/>',
    ]
    if len(xy) == 2:
        (x1, y1), (x2, y2) = xy
        parts.append(
            f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#8a1c1c" '
            'stroke-dasharray="4 3"/>'
        )
    for (x, y), (*_, name), colour in zip(xy, points, ("#8a1c1c", "#1d4ed8"), strict=False):
        label_x = min(max(x, 60), WIDTH - 60)
        label_y = y - 8 if y > 20 else y + 16
        parts.append(f'<circle cx="{x}" cy="{y}" r="5" fill="{colour}"/>')
        parts.append(
            f'<text x="{label_x}" y="{label_y}" font-size="10" text-anchor="middle" '
            f'fill="#1a1a1a">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 (every text part is escaped above)
