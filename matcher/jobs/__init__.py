"""Background work: named jobs, the Celery app that runs them on workers, and its tasks.

- `registry`: job names to functions; filled by `handlers` when the app is made.
- `dispatch`: hand a job to Celery, or run it in-process after the commit that queued it.
  Operations and mail call jobs by name through this module only; it never imports them.
- `handlers`: the jobs themselves (send an email, geocode, match, the sweeps) and their
  registration. It imports operations and mail; nothing below it imports it.
- `celery_app`, `tasks`: the Celery app built from a Flask app, and one task per job.

May import: operations, mail, models, extensions (handlers only); the registry, dispatch,
Celery app and tasks import nothing above extensions.
"""
