"""The one loader for third-party files: local cache -> mirror folder -> official URL.

Third-party files are never committed. Since the score and context figures became the
project's own derived tables (data/derived), only the GISCO geometries are fetched here.
Every consumer asks :func:`fetch` for a dataset key and gets a local path, or a
:class:`DataUnavailable` error whose message names the file, every place tried and the fix.

Configuration (environment variables):

* ``INNOV_CACHE``  - cache folder (default: ``.cache`` in the checkout; git-ignored).
* ``INNOV_MIRROR`` - mirror folder laid out like ``shared/`` (default: ``../shared`` next to
  the checkout).
* ``INNOV_GISCO_URL`` - folder URL the GISCO file names (e.g. ``NUTS_RG_20M_2021_4326_LEVL_2.geojson``)
  are appended to for the download (default: GISCO's own ``.../distribution/v2/nuts/geojson/``),
  so a deployment can point at its own copy.
* ``INNOV_OFFLINE=1`` - never try the network (useful in workshops and tests).
"""

from __future__ import annotations

import contextvars
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

GISCO_BASE = "https://gisco-services.ec.europa.eu/distribution/v2/nuts/geojson/"

Progress = Callable[[str, int, int | None], None]
# The UI sets this to show a progress bar while a first download runs.
progress_hook: contextvars.ContextVar[Progress | None] = contextvars.ContextVar("progress_hook", default=None)


class DataUnavailable(RuntimeError):
    """A dataset could not be found in the cache, the mirror or at its official URL."""

    def __init__(self, dataset: Dataset, attempts: list[str]):
        self.dataset = dataset
        self.attempts = attempts
        self.filename = dataset.filename
        lines = [f"Could not load {dataset.filename} ({dataset.title})."]
        lines += [f"  {i}. {a}" for i, a in enumerate(attempts, 1)]
        lines.append(f"Fix: {dataset.fix_hint()}")
        super().__init__("\n".join(lines))


class TableUnavailable(DataUnavailable):
    """A table committed in the repository (data/derived/...) is missing or does not pass its schema."""

    def __init__(self, path: Path, title: str, problem: str):
        self.dataset = None
        self.attempts = [problem]
        self.filename = path.name
        rel = path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path
        RuntimeError.__init__(self, (
            f"Could not load {rel} ({title}): {problem}.\n"
            f"Fix: restore it with `git checkout -- {rel}`, or rebuild it from the compilation with "
            "`python -m data.build_tables`."))


@dataclass(frozen=True)
class Dataset:
    key: str
    relpath: str  # path inside the mirror (and inside the cache)
    title: str
    url: str | None  # fixed download URL; None = INNOV_GISCO_URL (or GISCO's folder) + file name
    official_page: str  # where a person obtains it by hand

    @property
    def filename(self) -> str:
        return Path(self.relpath).name

    @property
    def download_url(self) -> str:
        return self.url or gisco_base() + self.filename

    def fix_hint(self) -> str:
        hint = (
            f"put {self.filename} in the mirror folder at <mirror>/{self.relpath} "
            "(set INNOV_MIRROR to that folder; default ../shared next to the checkout)"
        )
        return (hint + f", or go online so it can be downloaded from {self.download_url} "
                "(set INNOV_GISCO_URL to download from another folder)")


def _gisco(kind: str, scale: str | None, level: int) -> Dataset:
    name = (
        f"NUTS_RG_{scale}_2021_4326_LEVL_{level}.geojson"
        if kind == "RG"
        else f"NUTS_LB_2021_4326_LEVL_{level}.geojson"
    )
    key = f"nuts_{kind.lower()}{'_' + scale.lower() if scale else ''}_l{level}"
    what = f"NUTS 2021 level {level} {'regions ' + scale if kind == 'RG' else 'label points'}"
    return Dataset(key, f"geo/gisco/{name}", f"Eurostat GISCO {what}", None,
                   "https://ec.europa.eu/eurostat/web/gisco/geodata/statistical-units/territorial-units-statistics")


DATASETS: dict[str, Dataset] = {
    d.key: d
    for d in [
        *(_gisco("RG", s, lv) for s in ("20M", "60M") for lv in range(4)),
        *(_gisco("LB", None, lv) for lv in range(4)),
    ]
}


def gisco_base() -> str:
    """The folder URL GISCO file names are appended to: $INNOV_GISCO_URL, else GISCO's own."""
    base = os.environ.get("INNOV_GISCO_URL", "").strip() or GISCO_BASE
    return base if base.endswith("/") else base + "/"


def cache_dir() -> Path:
    return Path(os.environ.get("INNOV_CACHE") or REPO_ROOT / ".cache")


def mirror_dir() -> Path:
    return Path(os.environ.get("INNOV_MIRROR") or REPO_ROOT.parent / "shared")


def offline() -> bool:
    return os.environ.get("INNOV_OFFLINE", "") not in ("", "0", "false")


def download_timeout() -> float:
    """Seconds a download may wait to connect or between two reads: $INNOV_DOWNLOAD_TIMEOUT, else 20."""
    try:
        return max(0.1, float(os.environ.get("INNOV_DOWNLOAD_TIMEOUT") or 20))
    except ValueError:
        return 20.0


def _download(url: str, dest: Path, progress: Progress | None, timeout: float | None = None) -> None:
    name = dest.name
    timeout = timeout or download_timeout()
    import requests

    dest.parent.mkdir(parents=True, exist_ok=True)
    with requests.get(url, stream=True, timeout=timeout) as r:
        r.raise_for_status()
        total = int(r.headers.get("content-length") or 0) or None
        done = 0
        fd, tmp = tempfile.mkstemp(dir=dest.parent, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh:
                for chunk in r.iter_content(chunk_size=1 << 16):
                    kind = r.headers.get("content-type", "unknown type")
                    if done == 0 and (chunk.lstrip()[:1] == b"<" or kind.startswith("text/html")):
                        # a captive portal, proxy or error page answering 200: never cache it
                        raise ValueError(f"the server answered {kind}, not the data file "
                                         f"(starts with {chunk.lstrip()[:40]!r})")
                    fh.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(name, done, total)
            os.replace(tmp, dest)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


def fetch(key: str, progress: Progress | None = None) -> Path:
    """Return a local path to dataset ``key``: cache, then mirror, then official URL."""
    ds = DATASETS[key]
    attempts: list[str] = []
    cached = cache_dir() / ds.relpath
    if cached.is_file():
        return cached
    attempts.append(f"cache {cached}: not found")
    mirrored = mirror_dir() / ds.relpath
    if mirrored.is_file():
        return mirrored
    attempts.append(f"mirror {mirrored}: not found (INNOV_MIRROR)")
    url = ds.download_url
    if offline():
        attempts.append(f"download {url}: skipped, INNOV_OFFLINE is set")
    else:
        try:
            _download(url, cached, progress or progress_hook.get())
            return cached
        except Exception as exc:  # network errors of every kind end up in the message
            attempts.append(f"download {url}: {type(exc).__name__}: {exc}")
    raise DataUnavailable(ds, attempts)


def status() -> list[dict]:
    """Where each dataset would be loaded from right now (for the coverage page)."""
    rows = []
    for ds in DATASETS.values():
        cached, mirrored = cache_dir() / ds.relpath, mirror_dir() / ds.relpath
        where = "cache" if cached.is_file() else "mirror" if mirrored.is_file() else (
            "download" if not offline() else "missing")
        rows.append({"dataset": ds.title, "file": ds.filename, "loaded from": where})
    return rows
