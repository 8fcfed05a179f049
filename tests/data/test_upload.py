"""Bring-your-own-data: reading, per-row validation messages and the merged result.

Codes and initiatives are given explicitly (a small registry), so these tests run without the
data mirror; the outdated-code messages come from geo/nuts_correspondence.csv (committed).
"""

from __future__ import annotations

import io

import pandas as pd
import pytest

from data import upload as U

CODES = frozenset({"PL", "PL2", "PL21", "PL22", "PL4", "PL41", "PL911", "PL9", "PL91", "FR", "FRF", "FRF2",
                   "DE", "DE2", "DE21", "DE212", "RO", "RO1", "RO11"})
INI = pd.DataFrame({"initiative_id": ["ipcei_hy2use", "ecl_x"], "short_name": ["Hy2Use", "Cluster X"],
                    "name": ["IPCEI Hy2Use", "Euro cluster X"], "tier": [1, 2]})


def check(raw: bytes, name: str = "f.csv", **kw) -> U.Report:
    return U.validate(U.read_table(name, raw), valid_codes=CODES, initiatives=INI, **kw)


def test_good_participation_file_all_rows_valid_and_merged():
    raw = (b"initiative,nuts_code,tier,participant\n"
           b"ipcei_hy2use,PL22,1,Firm A\n"
           b"Cluster X,pl41,,Cluster B\n"
           b"My valley,RO11,2,<b>Valley</b>\n")
    rep = check(raw)
    assert rep.kind == "participation" and U.report_lines(rep) == []
    assert rep.summary == "3 rows read: 3 valid, 0 with problems (not used)."
    ud = U.to_user_data(rep, "f.csv")
    assert list(ud.participation["initiative_id"]) == ["ipcei_hy2use", "ecl_x", "yours_my_valley"]
    assert list(ud.participation["place_code"]) == ["PL22", "PL41", "RO11"]
    assert list(ud.participation["place_level"]) == [2, 2, 2]
    assert ud.participation["your_data"].all()
    assert list(ud.initiatives["initiative_id"]) == ["yours_my_valley"]
    assert ud.initiatives["type"].iloc[0] == U.YOUR_DATA
    # names are kept as plain text, untouched (escaping is the views' job)
    assert ud.participation["participant_name"].iloc[2] == "<b>Valley</b>"


def test_bad_rows_get_exact_messages():
    raw = (b"initiative;nuts;tier\n"
           b"ipcei_hy2use;PL22;1\n"          # 2 ok
           b"ipcei_hy2use;XX99;1\n"          # 3 unknown
           b"ipcei_hy2use;FR21;1\n"          # 4 outdated, recode
           b"ipcei_hy2use;PL12;1\n"          # 5 outdated, split
           b";;\n"                           # 6 empty
           b"ipcei_hy2use;PL22;1\n"          # 7 duplicate of 2
           b"ipcei_hy2use;PL41;3\n"          # 8 tier wrong type
           b"ipcei_hy2use;PL41;2\n"          # 9 tier mismatch
           b"nobody;PL41;\n"                 # 10 unknown initiative, no tier
           b"ipcei_hy2use;PL41;1;extra\n"    # 11 too many fields
           b";PL41;1\n"                      # 12 no initiative
           b"ipcei_hy2use;;1\n")    # 13 no code
    rep = check(raw)
    assert rep.notes == ["Read as UTF-8.", "Columns separated by semicolons."]
    assert U.report_lines(rep) == [
        "Row 3: unknown NUTS code “XX99”",
        "Row 4: “FR21” is an outdated code (NUTS 2013); its NUTS 2021 successor is FRF2",
        "Row 5: “PL12” is an outdated code (NUTS 2013), split into PL91, PL92 in NUTS 2021; use one of them",
        "Row 6: empty row, skipped",
        "Row 7: duplicate of row 2, skipped",
        "Row 8: tier “3” is not 1 or 2",
        "Row 9: initiative “ipcei_hy2use” is Tier 1, not Tier 2",
        "Row 10: unknown initiative “nobody”; give its tier (1 or 2) to add it as your own",
        "Row 11: 4 fields, but the header has 3 (a separator inside a value? quote it)",
        "Row 12: no initiative",
        "Row 13: no NUTS code",
    ]
    assert list(rep.valid["code"]) == ["PL22"]
    assert rep.summary == "12 rows read: 1 valid, 11 with problems (not used)."


def test_scores_types_levels_and_decimal_comma():
    raw = (b"code\tvalue\tyear\tlevel\tindicator\n"
           b"PL21\t0,5\t2024\t\tMy index\n"
           b"PL22\tabc\t2024\t\t\n"
           b"PL41\t1.5\t20x4\t\t\n"
           b"DE21\t2\t\t3\t\n"
           b"DE212\t7\t\t\t\n"
           b"RO11\t\t\t\t\n")
    rep = check(raw)
    assert rep.kind == "scores" and rep.notes[1] == "Columns separated by tabs."
    assert U.report_lines(rep) == [
        "Row 3: value “abc” is not a number",
        "Row 4: year “20x4” is not a year",
        "Row 5: level 3 given, but DE21 is a NUTS 2 code",
        "Row 6: DE212 is a NUTS 3 code, but this file's values are NUTS 2 (one level per file)",
        "Row 7: no value",
    ]
    ud = U.to_user_data(rep, "s.tsv")
    assert ud.scores["value"].to_dict() == {"PL21": 0.5}
    assert ud.indicator == "My index" and ud.unit == "as uploaded"


@pytest.mark.parametrize(("raw", "note"), [
    ("nuts_code,value\nFRF2,1\n".encode("utf-8-sig"), "Read as UTF-8 (with byte-order mark)."),
    ("nuts_code,value,indicator\nFRF2,1,Région\n".encode("latin-1"),
     "Not valid UTF-8: read as Latin-1 (ISO-8859-1). Check that accented names look right."),
])
def test_encodings(raw, note):
    rep = check(raw)
    assert rep.notes[0] == note
    assert list(rep.valid["code"]) == ["FRF2"]
    if b"R\xe9gion" in raw:
        assert rep.valid["indicator"].iloc[0] == "Région"


def test_bom_header_matches_alias():
    rep = check("\ufeffNUTS Code;Score\nPL21;3\n".encode())
    assert rep.columns == {"nuts_code": "nuts_code", "value": "score"}


def test_huge_file_rejected_with_clear_message():
    raw = b"nuts_code,value\n" + b"PL21,1\n" * (U.MAX_BYTES // 7 + 10)
    with pytest.raises(U.UploadError) as e:
        U.read_table("big.csv", raw)
    assert str(e.value).startswith("The file is 5.0 MB; the limit is 5 MB.")


def test_too_many_rows_rejected():
    raw = b"nuts_code,value\n" + b"PL21,1\n" * (U.MAX_ROWS + 1)
    with pytest.raises(U.UploadError, match="20,001 data rows; the limit is 20,000"):
        U.read_table("rows.csv", raw)


@pytest.mark.parametrize(("name", "raw", "msg"), [
    ("x.csv", b"", "The file is empty."),
    ("x.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "The file is not a text table"),
    ("x.xlsx", b"PK\x03\x04garbage", "Could not read the file as an Excel workbook"),
    ("x.csv", b"nuts_code,value\n", "The file has a header but no data rows."),
    ("x.csv", b'nuts_code,value\n"PL21,1\n', "Could not read the file as CSV"),
])
def test_malformed_files(name, raw, msg):
    with pytest.raises(U.UploadError, match=msg.replace("(", r"\(").replace(".", r"\.")):
        U.read_table(name, raw)


def test_missing_columns_and_user_mapping():
    t = U.read_table("x.csv", b"where,how_much\nPL21,2\n")
    with pytest.raises(U.UploadError, match="Not a template"):
        U.validate(t, valid_codes=CODES)
    rep = U.validate(t, {"nuts_code": "where", "value": "how_much"}, valid_codes=CODES)
    assert rep.valid["value"].tolist() == [2.0]


def test_xlsx_upload_and_formula_like_cells_kept_as_text():
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["nuts_code", "initiative", "tier", "participant"])
    ws.append(["PL22", "ipcei_hy2use", 1, "=HYPERLINK(\"http://evil\")"])
    ws.append(["PL41", "@SUM(A1)", 2, "+cmd"])
    buf = io.BytesIO()
    wb.save(buf)
    rep = check(buf.getvalue(), "x.xlsx")
    assert U.report_lines(rep) == []
    ud = U.to_user_data(rep, "x.xlsx")
    assert ud.participation["participant_name"].tolist() == ['=HYPERLINK("http://evil")', "+cmd"]
    assert ud.initiatives["name"].tolist() == ["@SUM(A1)"]
    from data import exports as E

    csv_text = E.to_csv(ud.participation).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'+cmd" in csv_text


def test_second_upload_adds_participation_and_replaces_scores():
    a = U.to_user_data(check(b"initiative,nuts_code\nHy2Use,PL22\n"), "a.csv")
    b = U.to_user_data(check(b"initiative,nuts_code\nHy2Use,PL41\nHy2Use,PL22\n"), "b.csv", a)
    assert b.participation["place_code"].tolist() == ["PL22", "PL41"]
    c = U.to_user_data(check(b"nuts_code,value\nPL21,1\n"), "c.csv", b)
    d = U.to_user_data(check(b"nuts_code,value\nPL22,2\n"), "d.csv", c)
    assert d.scores.index.tolist() == ["PL22"] and len(d.participation) == 2
    assert d.file_names == ("a.csv", "b.csv", "c.csv", "d.csv")


def test_templates_validate_cleanly(mirror):
    for kind in U.TEMPLATES:
        rep = U.validate(U.read_table(f"{kind}.csv", U.template_csv(kind)))
        assert rep.kind == kind and U.report_lines(rep) == [], kind


def test_merged_result_in_the_model_and_the_download(mirror):
    from data import exports as E
    from data.model import Selection
    from data.views import map_view

    before = map_view(2, Selection(countries=("RO",)), "profile").table
    rep = U.validate(U.read_table("m.csv", b"initiative,nuts_code,tier\nHy2Use,RO11\nMy <i>valley</i>,RO12,2\n"))
    assert U.report_lines(rep) == []
    ud = U.to_user_data(rep, "m.csv")
    after = map_view(2, Selection(countries=("RO",)), "profile", user=ud)
    t = after.table
    assert t.loc["RO11", "t1_regional"] == before.loc["RO11", "t1_regional"] + 1
    assert t.loc["RO12", "t2_regional"] == before.loc["RO12", "t2_regional"] + 1
    assert t["your_data"].tolist() == [c in ("RO11", "RO12") for c in t.index]
    assert t.loc["RO11", "profile"] in ("Tier 1 only", "Both tiers")
    from data.views import tooltips

    tips = dict(zip(t.index, tooltips(t, after.title), strict=True))
    assert "Includes your data" in tips["RO11"] and "Includes your data" not in tips["RO21"]
    assert after.title == "Tier profile (incl. your data)" and "your data" in after.edition
    df = E.map_table(after, {"country": "RO"}, source="s")
    assert df.loc[df["your_data"], "nuts_code"].tolist() == ["RO11", "RO12"]
    # a tier filter keeps the user's initiative in its tier only
    t2 = map_view(2, Selection(countries=("RO",), tiers=(1,)), "profile", user=ud).table
    assert t2.loc["RO12", "t2_regional"] == 0 and not t2.loc["RO12", "your_data"]
    # the base model is unchanged for other sessions
    again = map_view(2, Selection(countries=("RO",)), "profile").table
    assert again["t1_regional"].tolist() == before["t1_regional"].tolist() and not again["your_data"].any()


def test_uploaded_scores_shown_as_their_own_metric_with_escaped_names(mirror):
    from data.model import Selection
    from data.views import map_view

    rep = U.validate(U.read_table("s.csv", b"nuts_code,value,indicator\nRO11,3,<img src=x onerror=alert(1)>\nRO2,5,\n"))
    v = map_view(2, Selection(countries=("RO",)), "yours", user=U.to_user_data(rep, "s.csv"))
    t = v.table
    assert U.report_lines(rep) == [
        "Row 3: RO2 is a NUTS 1 code, but this file's values are NUTS 2 (one level per file)"]
    assert t.loc["RO11", "value"] == 3 and t["value"].notna().sum() == 1
    assert t.loc["RO11", "basis"] == "region"
    from data.views import tooltips

    tip = tooltips(t.loc[["RO11"]], v.title)[0]
    assert "<img" not in tip and "&lt;img src=x" in tip
    assert t["your_data"].sum() == t["value"].notna().sum()
