"""Links into the initiative profile and the connection finder from other pages' tables.

A table gets a link column (relative URL, so it works under any base path) that opens the
profile with the current filters; other pages add it with one call and one column config.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from components import state as S

PROFILE_COLUMN = st.column_config.LinkColumn("profile", display_text="open profile", width="small",
                                             help="Open the initiative profile (new tab)")
CONNECT_COLUMN = st.column_config.LinkColumn("Tier 1 connections", display_text="find", width="small",
                                             help="Tier 1 initiatives in the value chains of this region's "
                                                  "Tier 2 memberships (new tab)")


def _url(path: str, state: S.ViewState) -> str:
    q = S.encode(state)
    return f"{path}?{urlencode(q, safe=',')}" if q else path


def profile_url(initiative_id: str) -> str:
    return _url("initiative", S.current().replace(initiatives=(initiative_id,)))


def connections_url(code: str, view: S.ViewState | None = None) -> str:
    """The Tier 1 connections page of ``code`` with the filters of ``view`` (default: this session's)."""
    return _url("connections", (view or S.current()).replace(region=code))


def with_profile(df: pd.DataFrame, id_col: str = "initiative_id") -> pd.DataFrame:
    """``df`` plus a ``profile`` column of links (show it with PROFILE_COLUMN)."""
    return df.assign(profile=df[id_col].map(profile_url))


def with_connections(df: pd.DataFrame, code_col: str | None = None, view: S.ViewState | None = None) -> pd.DataFrame:
    """``df`` plus a ``Tier 1 connections`` column for each region (its index or ``code_col``),
    the links carrying the filters of ``view`` (default: this session's)."""
    codes = df.index.to_series() if code_col is None else df[code_col]
    return df.assign(**{"Tier 1 connections": codes.map(lambda c: connections_url(c, view)).values})
