"""Helpers shared by the per-source builders (pure string/frame functions and CSV I/O)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd

REPO_ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = REPO_ROOT / "data"
DERIVED_DIR = OUT_DIR / "derived"

# Country codes follow Eurostat/NUTS: ISO GB -> UK, ISO GR -> EL.
COUNTRY_CODE_TO_EUROSTAT = {"GB": "UK", "GR": "EL"}


def s(value: object) -> str:
    """A source cell as a stripped string ('' for missing)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def to_int(series: pd.Series, what: str) -> pd.Series:
    """Nullable integers; blank stays NA (never 0). Fails on non-integral values."""
    text = series.map(s)
    num = pd.to_numeric(text.where(text != ""), errors="coerce")
    bad = text[(text != "") & num.isna()]
    if not bad.empty:
        raise ValueError(f"{what}: not a number: {sorted(set(bad))}")
    frac = num[num.notna() & (num != num.round())]
    if not frac.empty:
        raise ValueError(f"{what}: not an integer: {sorted(set(frac))}")
    return num.astype("Int64")


def eurostat_country(code: str) -> str:
    return COUNTRY_CODE_TO_EUROSTAT.get(code, code)


def default_shared() -> Path:
    env = os.environ.get("INNOV_MIRROR")
    return Path(env) if env else REPO_ROOT.parent / "shared"


def read_source(data_dir: Path, rel: str) -> pd.DataFrame:
    """A source CSV as strings; blanks stay '' (so 'NA' etc. are not read as missing)."""
    return pd.read_csv(data_dir / rel, dtype=str, keep_default_na=False, encoding="utf-8")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_csv(df: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
