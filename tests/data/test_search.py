"""data/search.py on a hand-made registry and tables (no data mirror needed)."""

from __future__ import annotations

import pandas as pd

from data import search as S

REG = pd.DataFrame(
    {"name": ["Deutschland", "Düsseldorf", "Île-de-France", "Łódzkie", "Dessau-Roßlau", "France"],
     "name_national": ["Deutschland", "Düsseldorf", "Île-de-France", "Łódzkie", "Dessau-Roßlau", "France"],
     "country": ["DE", "DE", "FR", "PL", "DE", "FR"],
     "level": [0, 2, 2, 2, 3, 0]},
    index=pd.Index(["DE", "DEA1", "FR10", "PL71", "DEE01", "FR"], name="code"),
)
INI = pd.DataFrame({
    "initiative_id": ["ipcei_hy2tech", "ec-desire"],
    "name": ["IPCEI Hy2Tech (Hydrogen Technology)", "DESIRE - E-Health Solutions"],
    "short_name": ["Hy2Tech", "DESIRE"],
    "type": ["IPCEI", "Eurocluster"],
    "tier": [1, 2],
})
PAR = pd.DataFrame({
    "initiative_id": ["ipcei_hy2tech", "ipcei_hy2tech", "ipcei_hy2tech", "ec-desire"],
    "participant_name": ["Électricité de France", "Électricité de France", "", "Cluster A; Health Lab Łódź"],
    "country_code": ["FR", "FR", "DE", "PL"],
})
IDX = S.build_index(REG, INI, PAR)


def labels(q: str, **kw) -> list[str]:
    return list(S.search(IDX, q, **kw)["label"])


def test_fold_drops_accents_and_case():
    assert S.fold("Île-de-France") == "ile-de-france"
    assert S.fold("ŁÓDZKIE") == "lodzkie"
    assert S.fold("Dessau-Roßlau") == "dessau-rosslau"
    assert S.fold(None) == ""


def test_index_has_one_row_per_thing():
    # 6 units + 2 initiatives + 3 distinct participant names (EDF twice in one initiative -> once;
    # the blank name is not an entry; "Cluster A; Health Lab Łódź" is two organisations)
    assert len(IDX) == 11
    assert IDX["kind"].value_counts().to_dict() == {"region": 4, "country": 2, "initiative": 2, "participant": 3}


def test_accent_and_case_insensitive_partial_words():
    assert labels("dusseld") == ["Düsseldorf (DEA1)"]
    assert labels("ILE DE") == ["Île-de-France (FR10)"]
    assert labels("lodz") == ["Łódzkie (PL71)", "Health Lab Łódź"]  # region before participant
    assert labels("rosslau") == ["Dessau-Roßlau (DEE01)"]


def test_every_word_must_begin_a_word():
    assert labels("electricite france") == ["Électricité de France"]
    assert labels("tricite") == []  # inside a word, not at its start
    assert labels("de fran") == ["Île-de-France (FR10)", "Électricité de France"]


def test_ranking_exact_code_then_exact_name_then_prefix():
    # "france": exact name of the country FR, then the region and participant containing the word
    assert labels("france") == ["France (FR)", "Île-de-France (FR10)", "Électricité de France"]
    # "de": exact code of the country
    assert labels("de")[0] == "Deutschland (DE)"
    assert S.search(IDX, "ipcei_hy2tech").iloc[0]["id"] == "ipcei_hy2tech"


def test_initiatives_found_by_short_name_long_name_and_type():
    assert labels("hydrogen") == ["Hy2Tech"]
    assert labels("eurocl") == ["DESIRE"]
    found = S.search(IDX, "electricite")
    assert list(found["kind"]) == ["participant"] and list(found["id"]) == ["ipcei_hy2tech"]


def test_blank_query_and_limit():
    assert S.search(IDX, "  ,. ").empty
    assert len(S.search(IDX, "d", limit=2)) == 2


def test_close_matches_for_an_unknown_id():
    near = S.close_matches(IDX, "ipcei_hy2tec", kinds=("initiative",))
    assert list(near["id"]) == ["ipcei_hy2tech"]
    near = S.close_matches(IDX, "DEA9", kinds=("region", "country"))
    assert "DEA1" in list(near["id"])
    assert S.close_matches(IDX, "zzzzzz").empty
