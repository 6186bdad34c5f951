"""One way for a test to roll a change back: what a rolled-back transaction must leave alone
(files deleted only on commit) is tested the same way in every app."""

from contextlib import contextmanager

import pytest
from django.db import transaction


class RolledBack(Exception):
    """Raised at the end of ``rolled_back()``'s block to undo what it wrote."""


@contextmanager
def rolled_back():
    """A transaction that fails at its end: its writes are undone and nothing waiting for its
    commit (``transaction.on_commit``) runs."""
    with pytest.raises(RolledBack), transaction.atomic():
        yield
        raise RolledBack
