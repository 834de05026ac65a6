"""The domain's vocabulary, shared by every layer: the enumerations of stored codes (action,
suggestion, introduction and email statuses, target types, precisions, organization tags)
and their translated labels.

- `enums`: the enumerations and their labels.

Pure: no app, no database, so that the input formats and the commands that need no database
(`matcher suggest`) read them without loading SQLAlchemy and the models. May import nothing of
the package (only Flask-Babel, for the lazy labels).
"""
