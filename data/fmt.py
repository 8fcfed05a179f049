"""Small text helpers shared by the captions: numbers, lists, unit names, value bases."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd


def num(v) -> float:
    return float(v) if v is not None and not pd.isna(v) else float("nan")


def pct(v: float, digits: int = 0) -> str:
    return "no data" if pd.isna(v) else f"{100 * v:.{digits}f}%"


def join(items: Sequence[str], limit: int = 12) -> str:
    items = list(items)
    if len(items) <= limit:
        return ", ".join(items)
    return ", ".join(items[:limit]) + f" and {len(items) - limit} more"


def unit_name(level: int, n: int | None = None) -> str:
    """'countries' at level 0, else 'NUTS 2 regions' (with the count when given)."""
    name = "countries" if level == 0 else f"NUTS {level} regions"
    return f"{n} {name}" if n is not None else name


def value_source(basis: object, code: object, has_value: bool) -> str:
    """Where a region's value comes from: 'own value', 'parent region BE3', ... or 'no data'."""
    if not has_value:
        return "no data"
    if not isinstance(basis, str) or basis == "region":
        return "own value"
    return f"{basis} {code}" if isinstance(code, str) else basis
