"""Exports: formula-safe cells, file names, CSV/XLSX equal to the view's table, map images."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from data import exports as E


@pytest.mark.parametrize(("v", "out"), [
    ("=1+1", "'=1+1"), ("+49 30", "'+49 30"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Łódź", "Łódź"), ("a=b", "a=b"), (-2.5, -2.5), (None, None),
])
def test_safe_cell(v, out):
    assert E.safe_cell(v) == out


def test_filename_after_view_and_filters():
    assert E.filename("Map: Tier profile", {"country": "PL", "chain": "hydrogen", "present": "1"}, "csv") == \
        "map-tier-profile_chain-hydrogen_country-pl.csv"
    assert E.filename("", {}, ".xlsx") == "view.xlsx"


def test_xlsx_cells_are_strings_never_formulas():
    from openpyxl import load_workbook

    df = pd.DataFrame({"name": ["=HYPERLINK(\"x\")", "ok"], "n": [1, 2]})
    wb = load_workbook(io.BytesIO(E.to_xlsx(df, notes={"source": "=evil"})))
    ws = wb["view"]
    assert ws["A2"].value == "'=HYPERLINK(\"x\")" and ws["A2"].data_type == "s"
    assert ws["B3"].value == 2
    assert wb["about"]["B1"].value == "'=evil"


def test_table_export_keeps_rows_and_adds_provenance():
    df = pd.DataFrame({"code": ["PL91", "RO11"], "name": ["Warszawski", "=cmd|' /C calc'!A0"], "n": [3, None]})
    out = E.table_export(df, edition="RIS 2023", source="EC", params={"country": "PL", "chain": "hydrogen"},
                         link="http://h/divide?country=PL")
    assert list(out.columns) == ["code", "name", "n", "edition", "source", "filters", "view_link"]
    pd.testing.assert_frame_equal(out[["code", "name", "n"]], df)  # the rows shown, unknown stays unknown
    assert set(out["filters"]) == {"chain=hydrogen&country=PL"} and set(out["edition"]) == {"RIS 2023"}
    back = pd.read_csv(io.BytesIO(E.to_csv(out)), encoding="utf-8-sig")
    assert back.loc[1, "name"] == "'=cmd|' /C calc'!A0" and pd.isna(back.loc[1, "n"])
    assert E.table_export(df, edition="e", source="s", params={})["filters"].iloc[0] == "(none)"
    assert "view_link" not in E.table_export(df, edition="e", source="s", params={})


def test_table_export_keeps_a_per_row_edition_and_a_labelled_index():
    df = pd.DataFrame({"edition": ["RIS 2023", "EIS 2023"], "source": ["u1", "u2"]},
                      index=pd.Index(["PL", "RO"], name="country"))
    out = E.table_export(df, edition="view", source="ours", params={})
    assert list(out["country"]) == ["PL", "RO"] and list(out["edition"]) == ["RIS 2023", "EIS 2023"]
    assert set(out["view_edition"]) == {"view"} and set(out["view_source"]) == {"ours"}


@pytest.fixture(scope="module")
def view(mirror):
    from data.model import Selection
    from data.views import map_view

    return map_view(2, Selection(countries=("PL",)), "rii")


def test_csv_equals_table_behind_the_view(view):
    params = {"country": "PL", "metric": "rii"}
    df = E.map_table(view, params, source="RIS 2023")
    back = pd.read_csv(io.BytesIO(E.to_csv(df)), encoding="utf-8-sig", dtype={"nuts_code": str})
    t = view.table
    assert back["nuts_code"].tolist() == list(t.index)
    assert back["region_name"].tolist() == t["name"].tolist()
    assert back["value"].round(6).tolist() == pytest.approx(t["value"].astype(float).round(6).tolist(), nan_ok=True)
    assert back["map_class"].tolist() == t["cls"].astype(str).tolist()
    assert (back["tier1_regional"] == t["t1_regional"].to_numpy()).all()
    assert set(back["edition"]) == {view.edition} and set(back["source"]) == {"RIS 2023"}
    assert set(back["filters"]) == {"country=PL&metric=rii"}
    assert not back["your_data"].any()


def test_xlsx_equals_csv(view):
    df = E.map_table(view, {"country": "PL"}, source="s")
    x = pd.read_excel(io.BytesIO(E.to_xlsx(df)), sheet_name="view", dtype={"nuts_code": str})
    c = pd.read_csv(io.BytesIO(E.to_csv(df)), encoding="utf-8-sig", dtype={"nuts_code": str})
    pd.testing.assert_frame_equal(x, c, check_dtype=False)


def test_map_image_has_title_legend_source_attribution(view):
    fig = E.map_figure(view, 2, source="RIS 2023; NUTS 2021 boundaries (GISCO)")
    texts = E.figure_texts(fig)
    assert view.title in texts
    for label, n in zip(view.classes.labels, view.classes.counts, strict=True):
        assert f"{label} ({n})" in texts
    assert any(view.unit in t for t in texts)  # legend title carries the unit
    assert "Source: RIS 2023; NUTS 2021 boundaries (GISCO)" in texts
    assert E.ATTRIBUTION in texts
    png = E.figure_bytes(fig, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    svg = E.figure_bytes(fig, "svg").decode()
    assert "EuroGeographics for the administrative boundaries" in svg
    assert "Source: RIS 2023" in svg and view.title in svg


def test_map_image_shows_no_data_class(mirror):
    from data.model import Selection
    from data.views import map_view

    v = map_view(2, Selection(countries=("PL", "AL"), scope="all"), "rii")  # RIS 2023 has no value for Albania
    assert "No data" in v.classes.labels
    texts = E.figure_texts(E.map_figure(v, 2, source="x"))
    assert any(t.startswith("No data (") for t in texts)


def test_user_text_is_not_mathtext_or_markup(mirror):
    from data.model import Selection
    from data.upload import read_table, to_user_data, validate
    from data.views import map_view

    rep = validate(read_table("s.csv", b"nuts_code,value,indicator\nPL21,3,$x^2$ <b>me</b>\n"))
    v = map_view(2, Selection(countries=("PL",)), "yours", user=to_user_data(rep, "s.csv"))
    svg = E.figure_bytes(E.map_figure(v, 2, source="x"), "svg").decode()
    assert "$x^2$ &lt;b&gt;me&lt;/b&gt; (your data)" in svg


def test_chart_image_has_source_line():
    import altair as alt

    chart = alt.Chart(pd.DataFrame({"a": [1, 2]})).mark_bar().encode(x="a:Q").properties(title="T")
    svg = E.chart_image(chart.to_dict(), "svg", source="RIS 2023").decode()
    assert "Source: RIS 2023" in svg
    assert E.chart_image(chart.to_dict(), "png", source="x")[:4] == b"\x89PNG"
