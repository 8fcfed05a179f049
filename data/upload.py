"""Bring your own data: read, validate and merge an uploaded participation or score table.

Pure functions (no Streamlit). :func:`read_table` turns uploaded bytes into rows of text (CSV in
UTF-8 with or without BOM, or Latin-1; comma, semicolon or tab separated; or XLSX), with notes
on how the file was read. :func:`validate` checks every row and returns a :class:`Report`: one
message per row with a problem (row numbers as a spreadsheet shows them, header = row 1) and the
valid rows as a frame ready to join the model. Nothing here interprets text from the file as
markup or code: names are kept as plain strings, and every view escapes them.

Two kinds of table (the template of each is :func:`template`):

* ``participation`` - one row per (initiative, NUTS code): ``initiative`` (an initiative id or
  short name of the app, or a new initiative's name with its ``tier``), ``nuts_code``, optional
  ``tier``, ``role``, ``participant``, ``source_url``;
* ``scores`` - one row per NUTS code: ``nuts_code``, ``value`` (a number), optional
  ``indicator``, ``unit``, ``year``, ``level``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import pandas as pd

MAX_BYTES = 5_000_000
MAX_ROWS = 20_000
MAX_TEXT = 200  # characters kept of any one cell

ALIASES: dict[str, tuple[str, ...]] = {
    "nuts_code": ("nuts_code", "nuts", "nuts2021", "nuts_2021", "nuts_id", "code", "region", "region_code",
                  "geo", "place_code"),
    "initiative": ("initiative", "initiative_id", "initiative_name", "initiative_short_name"),
    "tier": ("tier",),
    "role": ("role",),
    "participant": ("participant", "participant_name", "organisation", "organization"),
    "source_url": ("source_url", "source", "url"),
    "value": ("value", "score", "obs_value"),
    "indicator": ("indicator", "measure", "variable"),
    "unit": ("unit", "units"),
    "year": ("year", "time", "time_period"),
    "level": ("level", "nuts_level"),
}
KINDS = {
    "participation": ("nuts_code", "initiative"),
    "scores": ("nuts_code", "value"),
}
OPTIONAL = {
    "participation": ("tier", "role", "participant", "source_url", "level"),
    "scores": ("indicator", "unit", "year", "level"),
}
YOUR_DATA = "your data"
SEPARATORS = {",": "commas", ";": "semicolons", "\t": "tabs"}


class UploadError(ValueError):
    """The file as a whole cannot be used (too big, not a table, no code column)."""


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]  # data rows, padded / as read
    widths: list[int]  # number of fields each row had in the file
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    kind: str
    columns: dict[str, str]  # template column -> column in the file
    problems: pd.DataFrame  # row, code, message (one line per problem row)
    valid: pd.DataFrame  # rows ready to merge
    notes: list[str]
    n_rows: int

    @property
    def summary(self) -> str:
        n_bad = len(self.problems)
        return (f"{self.n_rows} row{'s' * (self.n_rows != 1)} read: {len(self.valid)} valid, "
                f"{n_bad} with problems (not used).")


# --- reading ------------------------------------------------------------------------------------


def _norm_header(h: object) -> str:
    s = str(h).replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-/.]+", "_", s)


def decode(raw: bytes) -> tuple[str, str]:
    """Bytes -> (text, note). UTF-8 with or without BOM, else Latin-1 (never fails)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "Read as UTF-8 (with byte-order mark)."
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8"), "Read as UTF-8."
    except UnicodeDecodeError:
        return raw.decode("latin-1"), ("Not valid UTF-8: read as Latin-1 (ISO-8859-1). "
                                       "Check that accented names look right.")


def sniff_separator(text: str) -> str:
    """The separator of the header line: the most frequent of comma, semicolon, tab (outside quotes)."""
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    first = re.sub(r'"[^"]*"', "", first)
    counts = {sep: first.count(sep) for sep in SEPARATORS}
    best = max(counts, key=lambda s: (counts[s], s == ","))
    return best if counts[best] else ","


def read_table(name: str, raw: bytes) -> Table:
    """Uploaded bytes -> a :class:`Table` of text cells. Raises :class:`UploadError`."""
    if len(raw) > MAX_BYTES:
        raise UploadError(f"The file is {len(raw) / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB. "
                          "Keep only the template's columns or split the file.")
    if not raw.strip():
        raise UploadError("The file is empty.")
    if name.lower().endswith((".xlsx", ".xlsm")) or raw[:4] == b"PK\x03\x04":
        return _read_xlsx(raw)
    if b"\x00" in raw[:4096]:
        raise UploadError("The file is not a text table (it holds binary data). Upload CSV or XLSX.")
    text, note = decode(raw)
    sep = sniff_separator(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True))
    except csv.Error as exc:
        raise UploadError(f"Could not read the file as CSV: {exc}.") from exc
    notes = [note, f"Columns separated by {SEPARATORS[sep]}."]
    return _table(records, notes)


def _read_xlsx(raw: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)  # a formula stays its text
        ws = wb.worksheets[0]
        records = []
        for row in ws.iter_rows(values_only=True):
            records.append(["" if v is None else _cell_text(v) for v in row])
            if len(records) > MAX_ROWS + 1:
                break
        wb.close()
    except Exception as exc:  # zip / xml errors: the file is not a workbook
        raise UploadError("Could not read the file as an Excel workbook (.xlsx).") from exc
    return _table(records, ["Read the first sheet of the workbook."])


def _last_filled(r: list[str]) -> int:
    """Number of fields up to the last non-empty one."""
    n = len(r)
    while n and not str(r[n - 1]).strip():
        n -= 1
    return n


def _cell_text(v: object) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _table(records: list[list[str]], notes: list[str]) -> Table:
    while records and not any(c.strip() for c in records[0]):
        records = records[1:]
    if not records:
        raise UploadError("The file has no header row.")
    header = [_norm_header(h) for h in records[0]]
    while header and not header[-1]:
        header.pop()
    body = records[1:]
    while body and not any(c.strip() for c in body[-1]):
        body.pop()  # trailing blank lines are not rows
    if len(body) > MAX_ROWS:
        raise UploadError(f"The file has {len(body):,} data rows; the limit is {MAX_ROWS:,}.")
    if not body:
        raise UploadError("The file has a header but no data rows.")
    widths = [_last_filled(r) for r in body]
    rows = [[(r[i] if i < len(r) else "") for i in range(len(header))] for r in body]
    return Table(header, rows, widths, notes)


# --- columns ------------------------------------------------------------------------------------


def match_columns(header: list[str], overrides: dict[str, str] | None = None) -> dict[str, str]:
    """Template column -> file column, by name and alias; ``overrides`` (from the UI) win."""
    out: dict[str, str] = {}
    for col, aliases in ALIASES.items():
        for a in aliases:
            if a in header and a not in out.values():
                out[col] = a
                break
    for col, src in (overrides or {}).items():
        if src in header:
            out[col] = src
        elif src in ("", None):
            out.pop(col, None)
    return out


def detect_kind(columns: dict[str, str]) -> str | None:
    if "value" in columns:
        return "scores"
    if "initiative" in columns:
        return "participation"
    return None


# --- validation ---------------------------------------------------------------------------------


def _clip(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _number(s: str) -> float | None:
    t = s.strip().replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+,\d+", t) or re.fullmatch(r"[+-]?\d+,\d+", t):
        t = t.replace(".", "").replace(",", ".")  # decimal comma
    try:
        v = float(t)
    except ValueError:
        return None
    return v if pd.notna(v) and abs(v) != float("inf") else None


def check_code(raw: str, valid: frozenset[str] | set[str]) -> tuple[str | None, str | None]:
    """(NUTS 2021 code, None) or (None, message) for one code cell."""
    from geo.hierarchy import normalize_code

    text = raw.strip()
    if not text:
        return None, "no NUTS code"
    code = normalize_code(text)
    if code in valid:
        return code, None
    from data import geodata

    rows = geodata.correspondence()
    rows = rows[rows["old_code"] == code]
    shown = _clip(text)
    if rows.empty:
        return None, f"unknown NUTS code “{shown}”"
    rel = rows["relation"].iloc[0]
    version = rows["old_version"].iloc[0]
    news = [n for n in rows["new_code"] if n]
    if rel == "recode":
        return None, f"“{shown}” is an outdated code ({version}); its NUTS 2021 successor is {news[0]}"
    if rel == "split":
        return None, (f"“{shown}” is an outdated code ({version}), split into {', '.join(news)} "
                      "in NUTS 2021; use one of them")
    return None, f"“{shown}” is an outdated code ({version}) whose boundaries changed; no NUTS 2021 successor"


def _initiative_lookup(ini: pd.DataFrame) -> dict[str, tuple[str, int]]:
    out: dict[str, tuple[str, int]] = {}
    for r in ini.itertuples():
        for key in (r.initiative_id, r.short_name, r.name):
            if isinstance(key, str):
                out.setdefault(key.strip().lower(), (r.initiative_id, int(r.tier)))
    return out


def validate(table: Table, columns: dict[str, str] | None = None, *, kind: str | None = None,
             valid_codes: frozenset[str] | None = None, initiatives: pd.DataFrame | None = None) -> Report:
    """Check every row; return the problems (one message per bad row) and the valid rows."""
    cols = match_columns(table.header, columns)
    kind = kind or detect_kind(cols)
    if kind is None:
        raise UploadError("Not a template: the file needs a “nuts_code” column and either "
                          "“initiative” (participation) or “value” (scores). Map the columns below.")
    missing = [c for c in KINDS[kind] if c not in cols]
    if missing:
        names = " and ".join(f"“{c}” (or {', '.join(ALIASES[c][1:4])})" for c in missing)
        raise UploadError(f"No column for {names}. Map the columns below.")
    if valid_codes is None:
        from data import geodata as nuts

        valid_codes = nuts.all_codes()
    if kind == "participation" and initiatives is None:
        from data import tables

        initiatives = tables.initiatives()
    idx = {c: table.header.index(src) for c, src in cols.items()}
    lookup = _initiative_lookup(initiatives) if kind == "participation" else {}
    problems: list[tuple[int, str, str]] = []
    good: list[dict] = []
    seen: dict[tuple, int] = {}
    n_fields = len(table.header)

    def cell(r: list[str], c: str) -> str:
        return r[idx[c]].strip()[:MAX_TEXT] if c in idx else ""

    for i, (r, width) in enumerate(zip(table.rows, table.widths, strict=True)):
        rowno = i + 2
        if not any(v.strip() for v in r):
            problems.append((rowno, "", "empty row, skipped"))
            continue
        raw_code = cell(r, "nuts_code")
        if width > n_fields:
            problems.append((rowno, raw_code, f"{width} fields, but the header has {n_fields} "
                                              "(a separator inside a value? quote it)"))
            continue
        code, msg = check_code(raw_code, valid_codes)
        if msg:
            problems.append((rowno, raw_code, msg))
            continue
        lvl_txt = cell(r, "level")
        if lvl_txt:
            if not re.fullmatch(r"[0-3]", lvl_txt):
                problems.append((rowno, code, f"level “{_clip(lvl_txt)}” is not 0, 1, 2 or 3"))
                continue
            if int(lvl_txt) != len(code) - 2:
                problems.append((rowno, code, f"level {lvl_txt} given, but {code} is a NUTS {len(code) - 2} code"))
                continue
        rec: dict = {"row": rowno, "code": code, "level": len(code) - 2}
        if kind == "scores":
            vtxt = cell(r, "value")
            v = _number(vtxt)
            if v is None:
                problems.append((rowno, code, f"value “{_clip(vtxt)}” is not a number" if vtxt else "no value"))
                continue
            ytxt = cell(r, "year")
            if ytxt and not re.fullmatch(r"(19|20)\d\d", ytxt):
                problems.append((rowno, code, f"year “{_clip(ytxt)}” is not a year"))
                continue
            rec.update(value=v, year=int(ytxt) if ytxt else None, indicator=cell(r, "indicator"),
                       unit=cell(r, "unit"))
            key = (code, rec["indicator"], rec["year"])
        else:
            itxt = cell(r, "initiative")
            ttxt = cell(r, "tier")
            if ttxt and ttxt not in ("1", "2"):
                problems.append((rowno, code, f"tier “{_clip(ttxt)}” is not 1 or 2"))
                continue
            known = lookup.get(itxt.lower())
            if not itxt:
                problems.append((rowno, code, "no initiative"))
                continue
            if known:
                ini_id, tier = known
                if ttxt and int(ttxt) != tier:
                    problems.append((rowno, code, f"initiative “{_clip(itxt)}” is Tier {tier}, not Tier {ttxt}"))
                    continue
                new = False
            elif ttxt:
                ini_id = "yours_" + (re.sub(r"[^a-z0-9]+", "_", itxt.lower()).strip("_")[:40] or "x")
                tier, new = int(ttxt), True
            else:
                problems.append((rowno, code, f"unknown initiative “{_clip(itxt)}”; give its tier (1 or 2) "
                                              "to add it as your own"))
                continue
            rec.update(initiative_id=ini_id, tier=tier, initiative_name=itxt, new_initiative=new,
                       role=cell(r, "role") or "member", participant=cell(r, "participant"),
                       source_url=cell(r, "source_url"))
            key = (code, ini_id)
        if key in seen:
            problems.append((rowno, code, f"duplicate of row {seen[key]}, skipped"))
            continue
        seen[key] = rowno
        good.append(rec)
    valid = pd.DataFrame(good)
    if kind == "scores" and len(valid):
        counts = valid["level"].value_counts()
        tied = set(counts[counts == counts.max()].index)
        main_level = int(next(lv for lv in valid["level"] if lv in tied))  # the most common; a tie: the first
        off = valid[valid["level"] != main_level]
        for rec in off.itertuples():
            problems.append((rec.row, rec.code, f"{rec.code} is a NUTS {rec.level} code, but this file's "
                                                f"values are NUTS {main_level} (one level per file)"))
        valid = valid[valid["level"] == main_level].reset_index(drop=True)
    probs = pd.DataFrame(sorted(problems), columns=["row", "code", "message"])
    return Report(kind, cols, probs, valid, list(table.notes), len(table.rows))


def report_lines(rep: Report) -> list[str]:
    """``Row 5: message`` lines, as shown in the UI and tested."""
    return [f"Row {r.row}: {r.message}" for r in rep.problems.itertuples()]


# --- merging ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UserData:
    """What one session uploaded: participation rows and/or one score indicator."""

    participation: pd.DataFrame = field(default_factory=pd.DataFrame)  # model participation columns
    initiatives: pd.DataFrame = field(default_factory=pd.DataFrame)  # new initiatives (yours_*)
    scores: pd.DataFrame = field(default_factory=pd.DataFrame)  # index code: value, year
    indicator: str = ""
    unit: str = ""
    file_names: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return self.participation.empty and self.scores.empty

    def describe(self) -> str:
        parts = []
        if not self.participation.empty:
            parts.append(f"{len(self.participation)} participation rows")
        if not self.scores.empty:
            parts.append(f"{len(self.scores)} values of “{self.indicator}”")
        return " and ".join(parts)


def to_user_data(rep: Report, file_name: str, previous: UserData | None = None) -> UserData:
    """The valid rows of a report as session data (participation rows add to earlier uploads;
    a new score file replaces the earlier score file)."""
    prev = previous or UserData()
    names = (*prev.file_names, file_name)
    v = rep.valid
    if rep.kind == "scores":
        if v.empty:
            return prev
        scores = v.set_index("code")[["value", "year"]]
        ind = next((s for s in v["indicator"] if s), "") or "Uploaded indicator"
        unit = next((s for s in v["unit"] if s), "") or "as uploaded"
        return UserData(prev.participation, prev.initiatives, scores, ind, unit, names)
    if v.empty:
        return prev
    par = pd.DataFrame({
        "initiative_id": v["initiative_id"], "tier": v["tier"].astype(int), "place_code": v["code"],
        "place_level": v["level"].astype(int), "country_code": v["code"].str[:2], "role": v["role"],
        "participant_name": v["participant"], "source_url": v["source_url"], "your_data": True,
    })
    par = pd.concat([prev.participation, par], ignore_index=True) if not prev.participation.empty else par
    par = par.drop_duplicates(["initiative_id", "place_code"]).reset_index(drop=True)
    new = v[v["new_initiative"]].drop_duplicates("initiative_id")
    ini = pd.DataFrame({
        "initiative_id": new["initiative_id"], "name": new["initiative_name"],
        "short_name": new["initiative_name"], "type": YOUR_DATA, "tier": new["tier"].astype(int),
        "value_chain": None, "chain_id": None, "ecosystem_list": [()] * len(new),
        "source_url": "", "your_data": True,
    })
    if not prev.initiatives.empty:
        ini = pd.concat([prev.initiatives, ini], ignore_index=True).drop_duplicates("initiative_id")
    return UserData(par, ini.reset_index(drop=True), prev.scores, prev.indicator, prev.unit, names)


# --- templates ----------------------------------------------------------------------------------

TEMPLATES = {
    "participation": pd.DataFrame({
        "initiative": ["ipcei_hy2use", "My regional hydrogen valley"],
        "nuts_code": ["PL22", "PL41"],
        "tier": ["1", "2"],
        "role": ["site", "member"],
        "participant": ["Example company S.A.", "Example cluster"],
        "source_url": ["https://example.org/your-source", "https://example.org/your-source"],
    }),
    "scores": pd.DataFrame({
        "nuts_code": ["PL22", "PL41"],
        "value": ["0.42", "0.57"],
        "indicator": ["My regional indicator", "My regional indicator"],
        "unit": ["index 0-1", "index 0-1"],
        "year": ["2025", "2025"],
    }),
}


def template_csv(kind: str) -> bytes:
    return TEMPLATES[kind].to_csv(index=False).encode("utf-8-sig")
