"""Settings for `make bench` and `make load`: the production settings as they are, plus a
URLconf with one bare view (a trivial template through the same middleware) to compare the
dashboard's throughput with. The runner sets the environment: SECRET_KEY, DEBUG off,
DATABASE_URL of a benchmark database, and plain HTTP on 127.0.0.1 (no SSL redirect, no
secure-only cookies). Never used to serve the real site."""

from .settings import *  # noqa: F403
from .settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "config.bench_urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
# collectstatic for the manifest storage goes here, apart from the site's own static root.
STATIC_ROOT = BASE_DIR / "var" / "bench" / "static"
# Seeding the heavy school and the district inserts in large statements: no statement time
# limit here (production keeps DB_STATEMENT_TIMEOUT; it does not change how fast a page is).
DATABASES["default"].get("OPTIONS", {}).pop("options", None)  # noqa: F405
