"""The domain's vocabulary, shared by every layer: the enumerations of stored codes (action,
suggestion, introduction and email statuses, target types, precisions, organization tags)
and their translated labels.

- `enums`: the enumerations and their labels.
- `lazy_text`: messages marked for translation (`lazy_gettext`), translated when shown, with
  Flask-Babel imported only then.

Pure: no app, no database, so that the input formats and the commands that need no database
(`matcher suggest`) read them without loading SQLAlchemy, the models or Flask. May import
nothing of the package (Flask-Babel only when a message is shown).
"""
