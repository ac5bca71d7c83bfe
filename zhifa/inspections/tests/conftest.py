from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    """Uploaded photos go to the test's own directory."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
