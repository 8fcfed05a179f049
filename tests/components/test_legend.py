"""components/legend.py: one swatch per class with its count, no data dashed, names as text."""

from __future__ import annotations

import pandas as pd

from components import legend, theme
from data.classify import NO_DATA, Classes
from data.views import MapView


def _view(labels, colours, counts, title="RII 2023", unit="index") -> MapView:
    classes = Classes(labels=tuple(labels), colours=tuple(colours), assigned=pd.Series(dtype=object),
                      counts=tuple(counts))
    return MapView(table=pd.DataFrame(), classes=classes, title=title, unit=unit, edition="RIS 2023",
                   coverage="239 regions", eu_reference=100.0, message=None)


def test_every_class_has_its_swatch_label_and_count_in_order():
    v = _view(["< 80", "80 – 120", NO_DATA], ["#fee", "#c00", theme.NO_DATA_COLOUR], [12, 30, 4])
    out = legend.legend_html(v)
    assert out.count('class="ie-legend-row"') == 3
    positions = [out.index(x) for x in ("&lt; 80", "80 – 120", NO_DATA)]
    assert positions == sorted(positions)  # legend order kept
    for colour, n in (("#fee", 12), ("#c00", 30), (theme.NO_DATA_COLOUR, 4)):
        assert f"background:{colour}" in out and f">{n}</span>" in out
    assert out.count(theme.LEGEND_BORDER_NO_DATA) == 1  # only the no-data swatch is dashed
    assert "index · regions" in out


def test_uploaded_label_and_unit_are_text_not_html():
    v = _view(['<img src=x onerror="alert(1)">'], ["#abc"], [1], unit="<b>u</b>")
    out = legend.legend_html(v)
    assert "<img" not in out and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in out
    assert "<b>u</b>" not in out and "&lt;b&gt;u&lt;/b&gt;" in out
