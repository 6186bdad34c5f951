import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary folder, never into the project's media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english_messages():
    """Services speak the active language (Kyrgyz by default); these tests read English."""
    with translation.override("en"):
        yield
