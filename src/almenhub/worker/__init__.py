"""The background worker's side of the hub: periodic jobs (declared by each
app in its own `jobs.py`, see `scheduling`), their log, and e-mail sent by
the worker with retries (`mail`).

Below every domain app, like `core`: it imports none of them; they import it.
"""
