"""This session's uploaded data: kept in ``st.session_state`` (never on disk, never shared), so it
survives reruns and page switches and ends with the session. The upload form for /data."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from components import downloads
from components.text import md
from data import upload as U

_KEY = "user_data"
_SEEN = "user_data_files"  # hashes of files already merged (a rerun never merges twice)
_REPORT = "user_data_report"


def current() -> U.UserData | None:
    ud = st.session_state.get(_KEY)
    return None if ud is None or ud.is_empty() else ud


def banner() -> None:
    """One line on every page while uploaded data is active."""
    ud = current()
    if ud is not None:
        st.info(f"Your data is active in this session: {md(ud.describe())} (from "
                f"{md(', '.join(ud.file_names))}). Regions it changes are marked “your data” in every view, "
                "legend and download.", icon=":material/upload_file:")


def _clear() -> None:
    for k in (_KEY, _SEEN, _REPORT):
        st.session_state.pop(k, None)


def render_upload() -> None:
    """The Data page's upload form: templates, upload, column mapping, per-row report."""
    st.markdown("Upload **participation** (initiative × NUTS code) or **scores** (NUTS code × value) as CSV "
                "or XLSX. Valid rows join the app's data **for this session only**: nothing is stored "
                f"or shared. Limits: {U.MAX_BYTES / 1e6:.0f} MB, {U.MAX_ROWS:,} rows.")
    c1, c2 = st.columns(2)
    c1.download_button("Participation template (CSV)", U.template_csv("participation"),
                       "template_participation.csv", "text/csv", on_click="ignore")
    c2.download_button("Scores template (CSV)", U.template_csv("scores"), "template_scores.csv", "text/csv",
                       on_click="ignore")
    with st.expander("Columns and accepted names"):
        st.markdown("\n".join(f"- `{col}`: " + ", ".join(f"`{a}`" for a in al) for col, al in U.ALIASES.items()))
        st.caption("Codes are NUTS 2021 (any level 0–3; scores: one level per file). Outdated codes are "
                   "reported with their NUTS 2021 successor. New initiatives need a tier (1 or 2).")
    f = st.file_uploader("Your file", type=["csv", "tsv", "txt", "xlsx"], key="w_upload",
                         max_upload_size=max(1, U.MAX_BYTES // 1_000_000 + 1))
    if f is not None:
        raw = f.getvalue()
        digest = hashlib.sha256(raw).hexdigest()
        try:
            table = U.read_table(f.name, raw)
            overrides = _mapping_ui(table)
            rep = U.validate(table, overrides)
        except U.UploadError as exc:
            st.error(str(exc), icon=":material/error:")
            rep = None
        if rep is not None:
            st.session_state[_REPORT] = (f.name, rep)
            seen = st.session_state.setdefault(_SEEN, set())
            key = (digest, tuple(sorted(rep.columns.items())))
            if key not in seen and len(rep.valid):  # merged once per file and column mapping
                st.session_state[_KEY] = U.to_user_data(rep, f.name, st.session_state.get(_KEY))
                seen.add(key)
                st.rerun()
    shown = st.session_state.get(_REPORT)
    if shown:
        _report(*shown)
    if current() is not None:
        st.success(f"In use: {md(current().describe())}.", icon=":material/check_circle:")
        _preview(current())
        st.button("Remove my data", on_click=_clear, key="w_upload_clear")


def _mapping_ui(table: U.Table) -> dict[str, str]:
    auto = U.match_columns(table.header)
    kind = U.detect_kind(auto)
    with st.expander("Match columns", expanded=kind is None):
        options = ["", *table.header]
        out = {}
        cols = st.columns(4)
        for i, col in enumerate(("nuts_code", "initiative", "value", "tier")):
            out[col] = cols[i].selectbox(col, options, index=options.index(auto.get(col, "")),
                                         key=f"w_map_{col}", format_func=lambda o: o or "—")
    return {k: v for k, v in out.items() if v != auto.get(k, "")}


def _report(name: str, rep: U.Report) -> None:
    st.markdown(f"**{md(name)}**: {rep.summary}")
    st.caption(" ".join(rep.notes))
    if len(rep.problems):
        downloads.table(rep.problems.rename(columns={"row": "Row", "code": "Code", "message": "Problem"}),
                        f"upload report {name}", key=f"dl_report_{hashlib.sha1(name.encode()).hexdigest()[:8]}",
                        edition="your upload", source=f"your file {name}", hide_index=True, width="stretch")


def _preview(ud: U.UserData) -> None:
    if not ud.participation.empty:
        st.dataframe(ud.participation[["initiative_id", "place_code", "tier", "role", "participant_name"]],
                     hide_index=True, width="stretch")
    if not ud.scores.empty:
        st.caption(f"Scores: “{md(ud.indicator)}” ({md(ud.unit)}); show them on the map with “Map shows: Your data”.")
        st.dataframe(pd.DataFrame(ud.scores).reset_index(), hide_index=True, width="stretch")
