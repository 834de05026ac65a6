"""Every user-facing string has a Spanish translation, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "matcher" / "translations" / "es" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "lazy_gettext": None,
    "lazy_ngettext": (1, 2),
    "N_": None,
}
METHODS = [
    ("matcher/**.py", "python"),
    ("config/**.py", "python"),
    ("templates/**.html", "jinja2"),
    ("templates/**.txt", "jinja2"),
]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def marked_strings() -> set[str]:
    """The msgids the sources mark for translation now."""
    found: set[str] = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), METHODS, keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def load_catalog():
    """The Spanish catalog."""
    with CATALOG.open("rb") as handle:
        return read_po(handle, locale="es")


def test_every_marked_string_is_translated_to_spanish():
    catalog = load_catalog()
    translations = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if all(strings):
            translations[key] = strings
    missing = sorted(marked_strings() - set(translations))
    assert not missing, f"untranslated (run `make translations` and translate): {missing}"


def test_placeholders_survive_translation():
    catalog = load_catalog()
    for message in catalog:
        if not message.id or not message.string:
            continue
        source = message.id if isinstance(message.id, tuple) else (message.id,)
        target = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(source[-1]))
        for text in target:
            assert set(PLACEHOLDER.findall(text)) == wanted, message.id
