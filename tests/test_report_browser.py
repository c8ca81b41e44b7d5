"""The HTML report in a real headless Chromium, driven over the DevTools protocol.

Checks: no console errors or CSP violations, no network request at all, a screenshot
and a print-to-PDF are produced; the PDF stays within the page limit of its kind and says
"pagina N van M" on every page; at 390 px (a phone) nothing is wider than the screen. Skips with a reason when Chromium is absent on a developer's
machine; fails, never skips, when the environment variable CI is set.

Artifacts (PNG, PDF) go to $SSW_ARTIFACTS when set, else to pytest's tmp folder.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from conftest import run
from ssw.i18n import t
from ssw.report import sections

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
         '--host-resolver-rules=MAP * ~NOTFOUND', "--remote-allow-origins=*", "--remote-debugging-port=0"]


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: browser tests must run)")
    pytest.skip(reason)


def chromium_path() -> str:
    found = os.environ.get("SSW_CHROMIUM") or next((p for p in map(shutil.which, CHROMIUM_NAMES) if p), None)
    if not found:
        _missing("Chromium not found (install the Debian package 'chromium' or set SSW_CHROMIUM)")
    return str(found)


class DevTools:
    """A minimal DevTools client: one page target, commands by id, events collected."""

    def __init__(self, ws_url: str) -> None:
        import websocket

        self.ws = websocket.create_connection(ws_url, timeout=60, suppress_origin=True, max_size=None)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        self.ws.settimeout(120)
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_for(self, method: str, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while not any(e["method"] == method for e in self.events):
            if time.monotonic() > end:
                raise AssertionError(f"timed out waiting for {method}")
            self.ws.settimeout(max(0.1, end - time.monotonic()))
            message = json.loads(self.ws.recv())
            if "method" in message:
                self.events.append(message)

    def drain(self, seconds: float) -> None:
        """Collect late events (requests a page might still make)."""
        import websocket

        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.ws.settimeout(max(0.05, end - time.monotonic()))
            try:
                message = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                break
            if "method" in message:
                self.events.append(message)

    def close(self) -> None:
        self.ws.close()


@pytest.fixture
def browser(tmp_path: Path):  # type: ignore[no-untyped-def]
    exe = chromium_path()
    try:
        import websocket  # noqa: F401
    except ImportError:
        _missing("the websocket-client package is not installed (pip install -e '.[test]')")
    profile = tmp_path / "profile"
    profile.mkdir()
    proc = subprocess.Popen([exe, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = profile / "DevToolsActivePort"
        end = time.monotonic() + 60
        while not (port_file.is_file() and port_file.read_text().strip()):
            if proc.poll() is not None or time.monotonic() > end:
                pytest.fail(f"Chromium did not start (exit {proc.poll()})")
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30) as answer:
            targets = json.load(answer)
        page = next(tg for tg in targets if tg["type"] == "page")
        client = DevTools(page["webSocketDebuggerUrl"])
        yield client
        client.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def artifacts(tmp_path: Path) -> Path:
    folder = Path(os.environ["SSW_ARTIFACTS"]) if os.environ.get("SSW_ARTIFACTS") else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_html_report_in_chromium(demo_root: Path, tmp_path: Path, browser: DevTools) -> None:
    html = tmp_path / "jaaroverzicht-2023.nl.html"
    result = run(["report", "--root", str(demo_root), "--year", "2023", "--format", "html", "--out", str(html)])
    assert result.exit_code == 0, result.output
    url = html.resolve().as_uri()

    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.send(f"{domain}.enable")
    browser.send("Emulation.setDeviceMetricsOverride", width=1200, height=1600, deviceScaleFactor=1, mobile=False)
    browser.send("Page.navigate", url=url)
    browser.wait_for("Page.loadEventFired")
    browser.drain(1.0)

    # no console errors, no exceptions, no CSP violations
    errors = [e for e in browser.events if e["method"] == "Runtime.exceptionThrown"
              or (e["method"] == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert"))
              or (e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")]
    assert errors == []
    # no network at all: the only request is the file itself (data: URLs never leave the page)
    requested = [e["params"]["request"]["url"] for e in browser.events if e["method"] == "Network.requestWillBeSent"]
    assert requested and all(u == url or u.startswith("data:") for u in requested), requested

    # the page as rendered: sections, charts, language
    state = browser.send("Runtime.evaluate", returnByValue=True, expression="""({
        lang: document.documentElement.lang,
        title: document.title,
        sections: [...document.querySelectorAll('section.major > h2')].map(h => h.textContent.trim()),
        toc: [...document.querySelectorAll('nav.toc a')].map(a => [a.getAttribute('href').slice(1), a.textContent.trim()]),
        charts: [...document.querySelectorAll('svg[role=img]')].filter(s => s.getBoundingClientRect().width > 0).length,
        scripts: document.scripts.length,
        width: document.documentElement.scrollWidth,
    })""")["result"]["value"]
    # the sections are the registry's for this kind, in its order, each titled as its entry
    # in the table of contents
    registry = [s.name.replace("_", "-") for s in sections.for_kind("jaaroverzicht")]
    toc = state["toc"]
    assert [a for a, _ in toc] == [n for n in registry if n in {a for a, _ in toc}]
    assert toc[0] == ["overview", t("report.sec.overview")] and len(toc) >= 10
    expected = [title for _, title in toc]
    assert state["sections"] == expected
    assert state["lang"] == "nl" and state["title"].startswith("Jaaroverzicht 2023") and state["scripts"] == 0
    assert state["charts"] >= 10 and state["width"] <= 1200  # no horizontal scrolling on a 1200px screen

    out = artifacts(tmp_path)
    shot = base64.b64decode(browser.send("Page.captureScreenshot", format="png")["data"])
    assert shot[:8] == b"\x89PNG\r\n\x1a\n" and len(shot) > 20_000
    (out / "report-screen.png").write_bytes(shot)

    pdf = base64.b64decode(browser.send("Page.printToPDF", printBackground=False, preferCSSPageSize=True)["data"])
    assert pdf.startswith(b"%PDF-")
    pdf_path = out / "report-print.pdf"
    pdf_path.write_bytes(pdf)
    pages = pdf_pages(pdf_path)
    assert len(pages) <= PAGE_LIMITS["jaaroverzicht"], len(pages)
    assert_page_footers(pages, "nl")
    # the table of contents is on the first page, the sections follow in its order
    assert all(title in pages[0] for title in expected[:5])
    positions = [next((n for n, page in enumerate(pages) if title in map(str.strip, page.splitlines())), -1)
                 for title in expected]
    assert -1 not in positions and positions == sorted(positions), positions
    # a long table repeats its header on every page it runs on (the appendix, the last section)
    head = (t("report.col.date"), t("report.col.platform"), t("report.col.source"))
    continued = pages[positions[-1] + 1:]
    assert continued and all(any(all(w in line for w in head) for line in lines(page)[:3]) for page in continued)

    # a phone: nothing wider than the screen, wide tables scroll inside their own box
    assert_fits_phone(browser, url)


#: At most this many A4 pages for the demo data (issue 15).
PAGE_LIMITS = {"jaaroverzicht": 20, "tussentijds": 25, "eindevaluatie": 25}
PHONE = 390


def assert_page_footers(pages: list[str], lang: str) -> None:
    """Every page says "pagina N van M" (in the report's language) in its footer, N its
    own number, M the page count."""
    for n, page in enumerate(pages, 1):
        footer = t("report.print.page", lang, page=n, pages=len(pages))
        assert footer in page.strip().splitlines()[-1], (n, page.strip().splitlines()[-1])


OVERFLOW = """(() => {
  const W = document.documentElement.clientWidth;
  const scrolls = el => { for (let p = el.parentElement; p; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if ((x === 'auto' || x === 'scroll') && p.getBoundingClientRect().right <= W + 0.5) return true; }
    return false; };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width && (r.right > W + 0.5 || r.left < -0.5) && !scrolls(el)) out.push(el.tagName + '.' + el.className);
  }
  const charts = [...document.querySelectorAll('svg text')].filter(e => e.getBoundingClientRect().width > 0)
    .map(e => [e.getBoundingClientRect().height, e.closest('svg').getAttribute('class') + ' ' + e.getAttribute('class') + ' ' + e.textContent]).sort((a, b) => a[0] - b[0]);
  const clipped = [...document.querySelectorAll('svg text')].filter(e => {
    const r = e.getBoundingClientRect(), box = e.closest('svg').getBoundingClientRect();
    return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1); }).map(e => e.textContent);
  return {width: W, clipped: clipped, scrollWidth: document.documentElement.scrollWidth, overflowing: out.slice(0, 20),
          tables: document.querySelectorAll('table').length,
          unwrapped: [...document.querySelectorAll('table')].filter(t => !t.parentElement.classList.contains('table-wrap')).length,
          smallestLabel: charts[0]};
})()"""


def assert_fits_phone(browser: DevTools, url: str) -> None:
    browser.send("Emulation.setDeviceMetricsOverride", width=PHONE, height=844, deviceScaleFactor=1, mobile=True)
    browser.events.clear()
    browser.send("Page.navigate", url=url)
    browser.wait_for("Page.loadEventFired")
    state = browser.send("Runtime.evaluate", returnByValue=True, expression=OVERFLOW)["result"]["value"]
    assert state["width"] == PHONE
    assert state["scrollWidth"] <= PHONE and state["overflowing"] == [], state
    assert state["clipped"] == [], state["clipped"]  # no chart label cut off at the chart's edge
    assert state["tables"] and state["unwrapped"] == 0  # every table in its own scroll box
    assert state["smallestLabel"][0] >= 10, state["smallestLabel"]  # chart labels stay readable when the chart is scaled down
    browser.send("Emulation.clearDeviceMetricsOverride")


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "lang"), [("jaaroverzicht", "en"), ("tussentijds", "nl"), ("eindevaluatie", "nl"),
                                            ("eindevaluatie", "en")])
def test_each_kind_prints_as_a_document_and_fits_a_phone(demo_root: Path, tmp_path: Path, browser: DevTools,
                                                        kind: str, lang: str) -> None:
    html = tmp_path / f"{kind}.{lang}.html"
    result = run(["report", "--root", str(demo_root), "--kind", kind, "--lang", lang, "--format", "html", "--out", str(html)])
    assert result.exit_code == 0, result.output
    url = html.resolve().as_uri()
    browser.send("Page.enable")
    browser.send("Page.navigate", url=url)
    browser.wait_for("Page.loadEventFired")
    title = browser.send("Runtime.evaluate", returnByValue=True, expression="document.querySelector('h1').textContent")
    pdf = base64.b64decode(browser.send("Page.printToPDF", printBackground=False, preferCSSPageSize=True)["data"])
    pdf_path = artifacts(tmp_path) / f"report-{kind}.{lang}.pdf"
    pdf_path.write_bytes(pdf)
    pages = pdf_pages(pdf_path)
    assert 1 < len(pages) <= PAGE_LIMITS[kind], len(pages)
    assert_page_footers(pages, lang)
    # the running title: the report's title at the top of every page after the first
    heading = title["result"]["value"].strip()
    assert all(page.strip().splitlines()[0].strip().startswith(heading) for page in pages[1:])
    assert_fits_phone(browser, url)


def lines(page: str) -> list[str]:
    return [line for line in page.splitlines() if line.strip()]


def pdf_pages(path: Path) -> list[str]:
    """The text of each PDF page (pdftotext from poppler-utils)."""
    exe = shutil.which("pdftotext")
    if exe is None:
        _missing("pdftotext not found (install poppler-utils)")
    done = subprocess.run([str(exe), "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    pages = done.stdout.decode("utf-8").split("\f")
    return [p for p in pages if p.strip()]
