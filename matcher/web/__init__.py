"""Web layer: blueprints that parse a request, call one operation, and render."""
