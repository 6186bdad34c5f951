"""Gunicorn in production: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Settings come from the environment as for every other command (see README, Deploying).
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
# A worker's memory creeps up with the PDFs it renders (about 1 MB per 100): recycle it.
max_requests = 500
max_requests_jitter = 50
# Load the application once, in the master, then freeze what it allocated: the workers
# share those pages, and their garbage collector does not walk the whole application again
# at every full collection (shorter pauses on every page).
preload_app = True


def pre_fork(server, worker):
    gc.collect()
    gc.freeze()
