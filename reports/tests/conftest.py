import pytest
from django.db import connection

from reports import freshness


@pytest.fixture
def commit():
    """Run the data-version hooks registered so far, as the commit of the test's transaction
    would (the test's transaction is rolled back instead, and its hooks never run)."""

    def run():
        hooks = [hook for _sids, hook, *_rest in connection.run_on_commit]
        connection.run_on_commit = [
            entry for entry in connection.run_on_commit if not isinstance(entry[1], freshness._Bump)
        ]
        for hook in hooks:
            if isinstance(hook, freshness._Bump):
                hook()

    return run
