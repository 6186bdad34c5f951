import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_messages():
    """Services speak the active language (Kyrgyz by default); these tests read English."""
    with translation.override("en"):
        yield
