"""components/share.py: the link to a view is built from the state, on the host the user opened."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from components import share
from components import state as S

PL_H2 = S.ViewState(countries=("PL",), chains=("hydrogen",))


def _host(monkeypatch, url: str | None) -> None:
    monkeypatch.setattr(share, "st", SimpleNamespace(context=SimpleNamespace(url=url)))


@pytest.mark.parametrize(("opened", "want"), [
    ("http://ws.example:8080/map?country=DE", "http://ws.example:8080/map?country=PL&chain=hydrogen"),
    ("https://h.example/apps/ie/divide", "https://h.example/apps/ie/divide?country=PL&chain=hydrogen"),
    (None, "/?country=PL&chain=hydrogen"),  # host unknown: a relative link
    ("http://127.0.0.1:8501", "http://127.0.0.1:8501/?country=PL&chain=hydrogen"),  # the root, no path
])
def test_link_is_the_state_on_the_host_opened(monkeypatch, opened, want):
    _host(monkeypatch, opened)
    assert share.current_url(state=PL_H2) == want


def test_link_to_another_page_keeps_the_base_path(monkeypatch):
    _host(monkeypatch, "https://h.example/apps/ie/map?x=1")
    assert share.current_url("region", S.ViewState(region="PL91")) == "https://h.example/apps/ie/region?region=PL91"
    _host(monkeypatch, "http://127.0.0.1:8501/")
    assert share.current_url("divide", S.ViewState()) == "http://127.0.0.1:8501/divide"


def test_default_view_has_no_query_and_old_query_never_leaks(monkeypatch):
    _host(monkeypatch, "http://h/map?country=DE&junk=<script>")
    assert share.current_url(state=S.ViewState()) == "http://h/map"


def test_no_context_at_all_still_gives_a_link(monkeypatch):
    class Broken:
        @property
        def url(self):
            raise RuntimeError("no session")

    monkeypatch.setattr(share, "st", SimpleNamespace(context=Broken()))
    assert share.current_url(state=PL_H2) == "/?country=PL&chain=hydrogen"
