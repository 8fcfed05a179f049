"""A small protocol-level Streamlit client: one websocket session speaking ``streamlit.proto``.

What a browser tab does, without the browser: connect to ``/_stcore/stream``, send
``BackMsg.rerun_script`` (query string, page, widget states) and read ``ForwardMsg``s until
``script_finished``. One :class:`Session` is one visitor (a new Streamlit session, so the URL is
parsed afresh on its first run)::

    async with Session(base, query="country=PL", page="divide") as s:
        r = await s.run()
        assert r.status == "FINISHED_SUCCESSFULLY" and not r.exceptions
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState


@dataclass
class RunResult:
    """One script run as the client saw it."""

    seconds: float  # rerun_script sent -> script_finished received
    bytes: int
    messages: int
    status: str  # ForwardMsg.ScriptFinishedStatus name, or "timeout" / "closed: ..."
    exceptions: list[str] = field(default_factory=list)  # st.exception elements (tracebacks)
    error_texts: list[str] = field(default_factory=list)  # st.error bodies
    query_string: str | None = None  # the address bar the server asked for (None: unchanged)
    page_not_found: bool = False  # the server answered "Page not found" (and ran the default page)

    @property
    def errors(self) -> int:
        return int(self.status != "FINISHED_SUCCESSFULLY") + len(self.exceptions)


class Session:
    def __init__(self, base: str, query: str = "", timeout: float = 120.0, page: str = "/"):
        parts = urlsplit(base)
        self.url = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}/_stcore/stream"
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.query, self.page_name, self.timeout = query, page.strip("/"), timeout
        self.ws = None
        self.page_script_hash = ""
        self.widgets: dict[str, object] = {}  # label -> widget proto
        self.widget_states: dict[str, WidgetState] = {}
        self.elements: list = []  # Element protos of the last run

    async def __aenter__(self) -> Session:
        from websockets.asyncio.client import connect

        self.ws = await asyncio.wait_for(
            connect(self.url, subprotocols=["streamlit"], max_size=None, compression=None,
                    additional_headers={"Origin": self.origin}, open_timeout=self.timeout), self.timeout)
        return self

    async def __aexit__(self, *exc) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    def alerts(self, kind: str = "WARNING") -> list[tuple[str, str]]:
        """(body, icon) of the last run's st.warning / st.error / st.info ... elements."""
        return [(e.alert.body, e.alert.icon) for e in self.elements
                if e.WhichOneof("type") == "alert" and e.alert.Format.Name(e.alert.format) == kind]

    async def run(self, query: str | None = None) -> RunResult:
        if query is not None:
            self.query = query
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.page_script_hash = self.page_script_hash
        cs.page_name = "" if self.page_script_hash else self.page_name
        cs.widget_states.widgets.extend(self.widget_states.values())
        cs.context_info.timezone = "UTC"
        t0 = time.perf_counter()
        received = n = 0
        self.elements = []
        result = RunResult(0.0, 0, 0, "timeout")
        try:
            await self.ws.send(msg.SerializeToString())
            deadline = t0 + self.timeout
            while True:
                data = await asyncio.wait_for(self.ws.recv(), max(0.01, deadline - time.perf_counter()))
                received, n = received + len(data), n + 1
                fm = ForwardMsg()
                fm.ParseFromString(data)
                kind = fm.WhichOneof("type")
                if kind == "new_session":
                    self.page_script_hash = fm.new_session.page_script_hash
                elif kind == "page_not_found":
                    result.page_not_found = True
                elif kind == "page_info_changed":
                    result.query_string = fm.page_info_changed.query_string
                elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                    el = fm.delta.new_element
                    self.elements.append(el)
                    et = el.WhichOneof("type")
                    if et == "exception":
                        result.exceptions.append(f"{el.exception.type}: {el.exception.message}")
                    elif et == "alert" and el.alert.format == el.alert.ERROR:
                        result.error_texts.append(el.alert.body)
                    elif getattr(getattr(el, et, None), "label", "") and hasattr(getattr(el, et), "id"):
                        self.widgets[getattr(el, et).label] = getattr(el, et)
                elif kind == "script_finished":
                    result.status = ForwardMsg.ScriptFinishedStatus.Name(fm.script_finished)
                    if result.status != "FINISHED_EARLY_FOR_RERUN":
                        break
        except TimeoutError:
            result.status = "timeout"
        except Exception as exc:  # closed connection, refused, protocol error
            result.status = f"closed: {type(exc).__name__}: {exc}"
        result.seconds, result.bytes, result.messages = time.perf_counter() - t0, received, n
        return result

    async def set_widget(self, label: str, value) -> RunResult:
        """Change the widget labelled ``label`` as the front end would, and rerun."""
        w = self.widgets[label]
        ws = WidgetState(id=w.id)
        kind = type(w).__name__
        if kind in ("Selectbox", "Radio", "TextInput"):
            ws.string_value = value
        elif kind == "Checkbox":
            ws.bool_value = bool(value)
        elif kind == "Slider" and not list(getattr(w, "options", [])):
            ws.double_array_value.data.extend(value if isinstance(value, list) else [value])
        elif kind == "Button":
            ws.trigger_value = True
        else:  # multiselect, select_slider, segmented control: lists of formatted labels
            ws.string_array_value.data.extend(value if isinstance(value, list) else [value])
        self.widget_states[w.id] = ws
        result = await self.run()
        if kind == "Button":
            self.widget_states.pop(w.id, None)
        return result
