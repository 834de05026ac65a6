"""Security: coordinator authentication, signed single-use tokens, encryption of contact data
at rest, masking of logs, and the checks of a production deployment.

- `auth`: password hashing, login, set-password links, `admin_required`.
- `tokens`: verification and manage links (random, single use, expiring).
- `crypto`: encrypted column types and blind indexes; it imports nothing of the package, so
  models may use it.
- `logmask`: a logging filter that masks emails, phones and link tokens.
- `deploy_checks`: unsafe production settings, for `matcher check-deploy`.

May import: models and extensions (`crypto` and `logmask` import nothing of the package);
never web, operations or jobs.
"""
