"""Class breaks and colours for choropleths (mapclassify for breaks; colours from components/theme.py).

The result of :func:`classify` is plain data (labels, colours, a class per region) so the map
and the legend, drawn by different components, always agree. Missing values get the
``NO_DATA`` class, never a colour of the scale; zero counts get a class of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from components import theme

NO_DATA = "No data"
SCHEMES = ("quantiles", "equal", "natural")


@dataclass(frozen=True)
class Classes:
    labels: tuple[str, ...]  # legend order, NO_DATA last when present
    colours: tuple[str, ...]
    assigned: pd.Series  # region code -> label
    counts: tuple[int, ...]
    note: str = ""

    def colour_of(self) -> pd.Series:
        lut = dict(zip(self.labels, self.colours, strict=True))
        return self.assigned.map(lut)


def _fmt(x: float, integer: bool) -> str:
    return f"{round(x)}" if integer else f"{x:,.1f}" if abs(x) >= 10 else f"{x:,.2f}"


def numeric(values: pd.Series, scheme: str = "quantiles", k: int = 5, integer: bool = False,
            zero_class: str | None = None) -> Classes:
    """Classify numbers; NaN -> NO_DATA. With ``zero_class``, zeros get that class of their own."""
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}")
    v = pd.to_numeric(values, errors="coerce").astype(float)
    assigned = pd.Series(NO_DATA, index=v.index, dtype=object)
    labels: list[str] = []
    colours: list[str] = []
    note = ""
    body = v.dropna()
    if zero_class is not None:
        zeros = body[body == 0]
        if len(zeros):
            labels.append(zero_class)
            colours.append(theme.ZERO_COLOUR)
            assigned[zeros.index] = zero_class
        body = body[body != 0]
    if len(body):
        import mapclassify  # scipy + scikit-learn: imported when first needed, not at app start

        kk = max(1, min(k, body.nunique()))
        if kk == 1:
            bins = np.array([body.max()])
        elif scheme == "quantiles":
            bins = mapclassify.Quantiles(body.values, k=kk).bins
        elif scheme == "equal":
            bins = mapclassify.EqualInterval(body.values, k=kk).bins
        else:
            bins = mapclassify.FisherJenks(body.values, k=kk).bins
        bins = np.unique(np.asarray(bins, dtype=float))
        if integer and (body == np.floor(body)).all():
            # whole numbers: a class whose range holds no integer is empty, drop it
            bins = np.unique(np.floor(bins))
        if len(bins) < k:  # mapclassify may also return fewer bins than asked
            n, distinct = len(bins), body.nunique()
            reason = (f"only {distinct} distinct value{'s' * (distinct != 1)}" if distinct < k
                      else "many regions share the same values")
            note = f"{n} class{'es' * (n != 1)}: {reason}."
        lows = [body.min(), *list(bins[:-1])]
        idx = np.searchsorted(bins, body.values, side="left")
        idx = np.clip(idx, 0, len(bins) - 1)
        ramp = theme.ramp(len(bins))
        cls_labels = []
        for i, hi in enumerate(bins):
            lo = lows[i]
            if integer:
                lo_i = int(np.floor(lo)) if i == 0 else int(np.floor(lows[i])) + 1
                hi_i = int(np.floor(hi))
                lab = f"{lo_i}" if lo_i >= hi_i else f"{lo_i}–{hi_i}"
            else:
                lab = f"{_fmt(lo, False)} – {_fmt(hi, False)}"
            cls_labels.append(lab)
        # labels must be unique even when rounding collapses two classes
        seen: dict[str, int] = {}
        for i, lab in enumerate(cls_labels):
            if lab in seen:
                cls_labels[i] = f"{lab} ({i + 1})"
            seen[lab] = i
        assigned[body.index] = [cls_labels[i] for i in idx]
        labels += cls_labels
        colours += ramp
    if (assigned == NO_DATA).any():
        labels.append(NO_DATA)
        colours.append(theme.NO_DATA_COLOUR)
    counts = tuple(int((assigned == lab).sum()) for lab in labels)
    return Classes(tuple(labels), tuple(colours), assigned, counts, note)


def categorical(values: pd.Series, colours: dict[str, str]) -> Classes:
    """Fixed categories in the order of ``colours``; anything missing -> NO_DATA."""
    v = values.astype(object).where(values.notna(), None)
    assigned = v.map(lambda x: x if x in colours else NO_DATA)
    labels = [c for c in colours]
    cols = [colours[c] for c in labels]
    if (assigned == NO_DATA).any():
        labels.append(NO_DATA)
        cols.append(theme.NO_DATA_COLOUR)
    counts = tuple(int((assigned == lab).sum()) for lab in labels)
    return Classes(tuple(labels), tuple(cols), assigned, counts)
