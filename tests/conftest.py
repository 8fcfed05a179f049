"""Shared fixtures. Keep this small: fixtures used by several test files only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def mirror_path() -> Path:
    """The third-party mirror: $INNOV_MIRROR, else ../shared next to the checkout."""
    env = os.environ.get("INNOV_MIRROR")
    return Path(env) if env else REPO_ROOT.parent / "shared"


def skip_without_mirror(root: Path) -> None:
    """Skip (with the reason) unless every third-party file the app loads is in the mirror."""
    from data.sources import DATASETS

    missing = [d.relpath for d in DATASETS.values() if not (root / d.relpath).is_file()]
    if missing:
        pytest.skip(f"third-party mirror not found or incomplete at {root} (missing {', '.join(missing[:3])}"
                    f"{' …' if len(missing) > 3 else ''}); check out ../shared or set INNOV_MIRROR")


@pytest.fixture(scope="session")
def mirror(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real third-party data from the mirror, or skip.

    For the rest of the session the loader reads the mirror only: INNOV_MIRROR points at it,
    INNOV_CACHE at an empty temporary folder (a developer's cache, possibly holding newer GISCO
    downloads, can't change the results) and INNOV_OFFLINE=1 (tests never use the network).
    The real-data loads are cached per process, so this costs one load per file.
    """
    root = mirror_path()
    skip_without_mirror(root)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INNOV_MIRROR", str(root))
        mp.setenv("INNOV_CACHE", str(tmp_path_factory.mktemp("innov-cache")))
        mp.setenv("INNOV_OFFLINE", "1")
        yield root
