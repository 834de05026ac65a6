"""Security: coordinator authentication, signed single-use tokens, encryption of contact data
at rest, masking of logs, and the checks of a production deployment.

- `auth`: password hashing, login, set-password links, `admin_required`.
- `passwords`: how strong a password must be (length, common passwords, guessability).
- `tokens`: verification and manage links (random, single use, expiring).
- `crypto`: encrypted column types and blind indexes; it imports nothing of the package, so
  models may use it.
- `logmask`: a logging filter that masks emails (with their domain), phones and link tokens.
- `lookalikes`: patterns of text that looks like an email, a phone number or a street address
  (the submission form's warning, the log filter).
- `mailbox`: the mailbox an address reaches (`+tags`, Gmail's dots), for the limits.
- `deploy_checks`: unsafe production settings, for `matcher check-deploy`.

May import: models and extensions (`crypto`, `lookalikes`, `mailbox` and `passwords` import
nothing of the package, `logmask` only `lookalikes`); never web, operations or jobs.
"""
