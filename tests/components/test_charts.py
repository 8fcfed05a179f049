"""components/charts: charts draw exactly the frame they get, in the theme's colours, readable on
a projector, with the computed caption as alt text."""

from __future__ import annotations

import numpy as np
import pandas as pd

from components import charts, theme
from components.charts import groups


def _shares(t1_counted: bool = True) -> pd.DataFrame:
    rows = [("Innovation Leaders", 20, 2, 15, 18), ("Emerging Innovators", 40, 0, 4, 30), ("No group", 0, 0, 0, 0)]
    df = pd.DataFrame(rows, columns=["group", "n", "n_inherited", "t1", "t2"]).astype({"t1": float, "t2": float})
    if not t1_counted:
        df["t1"] = np.nan
    df["t1_share"], df["t2_share"] = df["t1"] / df["n"], df["t2"] / df["n"]
    return df


def _data(chart) -> pd.DataFrame:
    spec = chart.to_dict()
    return pd.DataFrame(next(iter(spec["datasets"].values())))


def test_group_bars_show_the_shares_given_and_skip_empty_groups():
    chart = groups.group_tier_chart(_shares(), "Regions with a link")
    d = _data(chart)
    assert set(d["group"]) == {"Innovation Leaders", "Emerging Innovators"}  # a group of 0 regions is not drawn
    got = d.set_index(["group", "tier"])["share"]
    assert got[("Innovation Leaders", "Tier 1")] == 15 / 20 and got[("Emerging Innovators", "Tier 2")] == 30 / 40
    assert sorted(d["label"]) == ["10%", "75%", "75%", "90%"]
    colour = chart.to_dict()["layer"][0]["encoding"]["color"]["scale"]
    assert colour["range"] == [theme.TIER_COLOURS["Tier 1"], theme.TIER_COLOURS["Tier 2"]]


def test_a_tier_not_counted_is_absent_not_zero():
    d = _data(groups.group_tier_chart(_shares(t1_counted=False), "x"))
    assert set(d["tier"]) == {"Tier 2"} and (d["share"] > 0).all()


def test_style_makes_every_text_projector_sized_and_alt_text_is_the_caption():
    chart = charts.style(charts.with_alt(groups.group_tier_chart(_shares(), "Title"), "Leaders 75%, Emerging 10%."))
    spec = chart.to_dict()
    assert spec["description"] == "Leaders 75%, Emerging 10%."
    cfg = spec["config"]
    assert min(cfg["axis"]["labelFontSize"], cfg["legend"]["labelFontSize"], cfg["header"]["labelFontSize"]) >= 14
    assert cfg["title"]["fontSize"] > cfg["axis"]["labelFontSize"]
    assert charts._title(chart) == "Title"
    assert charts.with_alt(chart, "") is chart  # no caption, no empty description


def test_the_fast_styled_spec_equals_the_altair_way():
    layered = groups.group_tier_chart(_shares(), "T", "sub")  # bars + labels
    for chart in (layered, groups.group_tier_chart(_shares(t1_counted=False), "x"),
                  layered.configure_axis(grid=False).configure_view(stroke="#123")):  # a config of its own
        for alt_text in ("Leaders 75 %.", ""):
            assert charts._styled_spec(chart, alt_text) == charts.style(charts.with_alt(chart, alt_text)).to_dict()


def test_a_cached_chart_reaches_the_browser_exactly_as_its_plain_spec():
    """The cached spec carries its datasets as Arrow bytes (no conversion per run): Streamlit must
    send the same element as for the plain spec, data included."""
    from streamlit.testing.v1 import AppTest

    def page():
        import copy

        import streamlit as st

        from components import charts
        from components.charts import groups
        from tests.components.test_charts import _shares
        spec = charts._styled_spec(groups.group_tier_chart(_shares(), "T"), "Leaders 75 %.")
        st.vega_lite_chart(copy.deepcopy(spec))
        st.vega_lite_chart(charts._wire_spec(spec))

    at = AppTest.from_function(page).run()
    assert not at.exception
    plain, wire = (e.proto for e in at.get("vega_lite_chart"))
    assert plain.datasets and [d.data.data for d in wire.datasets] == [d.data.data for d in plain.datasets]
    assert wire.spec == plain.spec and wire.data == plain.data
    spec = charts._styled_spec(groups.group_tier_chart(_shares(), "T"), "")
    assert charts._wire_spec(spec)["datasets"].keys() == spec["datasets"].keys()
    assert all(isinstance(v, bytes) for v in charts._wire_spec(spec)["datasets"].values())
    assert all(isinstance(v, list) for v in spec["datasets"].values())  # the download keeps the JSON rows
