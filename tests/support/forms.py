"""Form posts built from a rendered page, as a browser would send them: every field, hidden
input and checked box of one form, with the page's values."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, action: str) -> None:
        super().__init__(convert_charrefs=True)
        self.action, self.inside, self.fields = action, False, {}
        self.textarea: str | None = None
        self.select: str | None = None
        self.checkboxes: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = found.get("action") == self.action
        elif not self.inside:
            return
        elif tag == "input" and found.get("name"):
            kind = found.get("type", "text")
            if kind == "checkbox":
                self.checkboxes[found["name"]] = found.get("value", "y")
                if "checked" in found:
                    self.fields[found["name"]] = found.get("value", "y")
            elif kind not in ("submit", "button"):
                self.fields[found["name"]] = found.get("value", "")
        elif tag == "textarea":
            self.textarea = found.get("name")
            self.fields[self.textarea] = ""
        elif tag == "select":
            self.select = found.get("name")
        elif tag == "option" and self.select and ("selected" in found):
            self.fields[self.select] = found.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data: str) -> None:
        if self.inside and self.textarea:
            self.fields[self.textarea] += (
                data.removeprefix("\n") if not self.fields[self.textarea] else data
            )


def form_fields(html: str, action: str) -> tuple[dict[str, str], dict[str, str]]:
    """(the values the form at `action` would post, its checkboxes and their values)."""
    reader = _FormReader(action)
    reader.feed(html)
    return dict(reader.fields), dict(reader.checkboxes)
