"""Load benchmark: gunicorn on PostgreSQL under wrk (see run.py)."""
