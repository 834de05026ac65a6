"""Post forms the way a browser does: render the page, read its form, submit exactly that.

`submit_form(client, url, {"title": "New"})` GETs `url`, finds the form (the only one, or the one
whose action or submit button matches `form=`), fills the named fields and posts every control
the browser would send: hidden inputs (the CSRF token among them), text fields with their
current values, checked checkboxes only, the selected option of each select, and the clicked
button's name and value. Filling a field that is not on the page fails the test at once, so a
test can never post something no browser would send.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from werkzeug.datastructures import MultiDict

CHECKABLE = {"checkbox", "radio"}
NOT_SENT = {"submit", "button", "reset", "image", "file"}


@dataclass
class Control:
    """One form control as the page rendered it."""

    tag: str
    name: str
    type: str = "text"
    value: str = ""
    checked: bool = False
    disabled: bool = False
    options: list[tuple[str, bool]] = field(default_factory=list)  # select: (value, selected)
    label: str = ""  # button text


@dataclass
class Form:
    """A form on a page: where it posts and its controls, in document order."""

    action: str
    method: str
    controls: list[Control] = field(default_factory=list)
    page_url: str = ""
    id: str = ""

    @property
    def url(self) -> str:
        """The path the form submits to (the page itself when it has no action)."""
        target = urljoin(self.page_url, self.action or self.page_url)
        parts = urlsplit(target)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    @property
    def buttons(self) -> list[Control]:
        """The submit buttons."""
        return [c for c in self.controls if c.type in ("submit", "image")]

    def names(self) -> set[str]:
        """Every control name the page offers (buttons included)."""
        return {c.name for c in self.controls if c.name}

    def fill(self, data: dict[str, Any] | None = None) -> Form:
        """Set values as a person would: text typed, boxes ticked or not, an option chosen."""
        for name, value in (data or {}).items():
            matching = [c for c in self.controls if c.name == name and c.type not in NOT_SENT]
            if not matching:
                raise AssertionError(
                    f"the form {self.url} has no field {name!r}: {sorted(self.names())}"
                )
            control = matching[0]
            if control.type == "checkbox" and isinstance(value, list | tuple | set):
                wanted = {str(item) for item in value}
                for box in matching:
                    box.checked = box.value in wanted
                missing = wanted - {box.value for box in matching}
                if missing:
                    raise AssertionError(f"no box {sorted(missing)} for {name!r} on the page")
            elif control.type == "checkbox":
                control.checked = value not in (False, None, "", "no", "n", "0", "off")
            elif control.type == "radio":
                for radio in matching:
                    radio.checked = radio.value == str(value)
                if not any(radio.checked for radio in matching):
                    raise AssertionError(f"no choice {value!r} for {name!r}")
            elif control.tag == "select":
                values = [option for option, _ in control.options]
                if str(value) not in values:
                    raise AssertionError(f"{name!r} offers {values}, not {value!r}")
                control.options = [(option, option == str(value)) for option in values]
            elif control.type == "hidden":
                raise AssertionError(f"{name!r} is a hidden field: a person cannot change it")
            else:
                control.value = "" if value is None else str(value)
        return self

    def data(self, button: str | None = None) -> MultiDict[str, str]:
        """What the browser sends: successful controls, and the clicked button."""
        sent: MultiDict[str, str] = MultiDict()
        for control in self.controls:
            if not control.name or control.disabled or control.type in NOT_SENT:
                continue
            if control.type in CHECKABLE:
                if control.checked:
                    sent.add(control.name, control.value or "on")
            elif control.tag == "select":
                chosen = [value for value, selected in control.options if selected]
                if not chosen and control.options:
                    chosen = [control.options[0][0]]
                for value in chosen:
                    sent.add(control.name, value)
            else:
                sent.add(control.name, control.value)
        clicked = self._button(button)
        if clicked is not None and clicked.name:
            sent.add(clicked.name, clicked.value)
        return sent

    def _button(self, label: str | None) -> Control | None:
        buttons = self.buttons
        if label is None:
            return buttons[0] if buttons else None
        for button in buttons:
            if label in (button.label, button.value, button.name):
                return button
        raise AssertionError(f"no button {label!r} in {[b.label for b in buttons]}")

    def submit(self, client: Any, button: str | None = None, **kwargs: Any) -> Any:
        """Post (or get) the form with `client`, as the browser would."""
        if self.method == "get":
            return client.get(self.url, query_string=self.data(button), **kwargs)
        return client.post(self.url, data=self.data(button), **kwargs)


class _FormParser(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Control | None = None
        self._option: list[Any] | None = None  # [value or None, selected, text]
        self._textarea: Control | None = None
        self._button: Control | None = None
        self._pending: list[tuple[str, str, dict[str, str]]] = []

    def close(self) -> None:
        super().close()
        for form_id, tag, attrs in self._pending:
            owner = next((f for f in self.forms if f.id == form_id), None)
            if owner is not None and tag == "input":
                self._add(owner, tag, attrs)
        self._form = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: (value if value is not None else "") for key, value in attrs}
        if tag == "form":
            self._form = Form(a.get("action", ""), a.get("method", "get").lower())
            self._form.page_url = self.page_url
            self._form.id = a.get("id", "")
            self.forms.append(self._form)
            return
        owner = self._form
        if "form" in a:  # a control tied to a form elsewhere on the page by its id
            self._pending.append((a["form"], tag, a))
            return
        if owner is None:
            return
        self._add(owner, tag, a)

    def _add(self, owner: Form, tag: str, a: dict[str, str]) -> None:
        common = {"name": a.get("name", ""), "disabled": "disabled" in a}
        self._form = owner
        if tag == "input":
            kind = a.get("type", "text").lower()
            value = a.get("value", "on" if kind in CHECKABLE else "")
            control = Control("input", type=kind, value=value, checked="checked" in a, **common)
            if kind in ("submit", "image"):
                control.label = value
            self._form.controls.append(control)
        elif tag == "select":
            self._select = Control("select", type="select", **common)
            self._form.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            self._close_option()
            self._option = [a.get("value"), "selected" in a, ""]
        elif tag == "textarea":
            self._textarea = Control("textarea", type="textarea", **common)
            self._form.controls.append(self._textarea)
        elif tag == "button":
            kind = a.get("type", "submit").lower()
            self._button = Control("button", type=kind, value=a.get("value", ""), **common)
            self._form.controls.append(self._button)

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option[2] += data
        elif self._textarea is not None:
            self._textarea.value += data
        elif self._button is not None:
            self._button.label += data

    def _close_option(self) -> None:
        if self._option is not None and self._select is not None:
            value, selected, text = self._option
            self._select.options.append((text.strip() if value is None else value, selected))
        self._option = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "option":
            self._close_option()
        elif tag == "select":
            self._close_option()
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # Browsers drop one line break right after <textarea> (and send CRLF line ends).
            value = self._textarea.value
            value = value[2:] if value.startswith("\r\n") else value.removeprefix("\n")
            self._textarea.value = value
            self._textarea = None
        elif tag == "button" and self._button is not None:
            self._button.label = " ".join(self._button.label.split())
            self._button = None
        elif tag == "form":
            self._form = None


def forms_in(html: str, page_url: str = "/") -> list[Form]:
    """Every form of an HTML page."""
    parser = _FormParser(page_url)
    parser.feed(html)
    parser.close()
    return parser.forms


def find_form(html: str, page_url: str = "/", form: str | None = None) -> Form:
    """The page's only form, or the one whose action path ends with `form` or whose submit
    button reads `form`."""
    found = forms_in(html, page_url)
    if form is not None:
        found = [
            f
            for f in found
            if urlsplit(f.url).path.endswith(form) or any(form == b.label for b in f.buttons)
        ]
    if len(found) != 1:
        listed = [(f.url, [b.label for b in f.buttons]) for f in forms_in(html, page_url)]
        raise AssertionError(f"expected one form {form or ''!r} on {page_url}, found {listed}")
    return found[0]


def read_form(client: Any, url: str, form: str | None = None, **kwargs: Any) -> Form:
    """GET the page (it must answer 200) and read one of its forms."""
    response = client.get(url, **kwargs)
    assert response.status_code == 200, (url, response.status_code)
    return find_form(response.get_data(as_text=True), url, form)


def submit_form(
    client: Any,
    url: str,
    data: dict[str, Any] | None = None,
    *,
    form: str | None = None,
    button: str | None = None,
    **kwargs: Any,
) -> Any:
    """GET `url`, fill its form with `data` and submit it; the response."""
    return read_form(client, url, form).fill(data).submit(client, button, **kwargs)


def submit_action(client: Any, **overrides: Any) -> Any:
    """Fill and submit the public submission form (`/submit`) with a valid action."""
    from tests.support.helpers import action_fields

    return submit_form(client, "/submit", action_fields(**overrides))


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href, self._text = dict(attrs).get("href") or "", ""

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((" ".join(self._text.split()), self._href))
            self._href = None


def link_to(client: Any, url: str, text: str) -> str:
    """The path of the link reading `text` on the page at `url` (as a person clicks it)."""
    response = client.get(url)
    parser = _LinkParser()
    parser.feed(response.get_data(as_text=True))
    found = [href for label, href in parser.links if label == text]
    if not found:
        raise AssertionError(f"no link {text!r} on {url}: {[label for label, _ in parser.links]}")
    parts = urlsplit(urljoin(url, found[0]))
    return parts.path + (f"?{parts.query}" if parts.query else "")


def forged_post(client: Any, page_url: str, url: str, data: dict[str, Any] | None = None) -> Any:
    """A request no page offers (a tampered or hand-made post) from a visitor who holds a valid
    CSRF token: the token of the page at `page_url`, posted to `url` with `data`. For tests that
    check the server refuses what its pages never send."""
    page = client.get(page_url).get_data(as_text=True)
    tokens = [
        c.value for f in forms_in(page, page_url) for c in f.controls if c.name == "csrf_token"
    ]
    sent = MultiDict(data or {})
    if tokens:
        sent["csrf_token"] = tokens[0]
    return client.post(url, data=sent)
