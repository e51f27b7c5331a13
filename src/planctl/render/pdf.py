"""A plan document as PDF: the HTML page of `planctl.render.html`, printed by headless Chromium or Chrome.

The page's print stylesheet does the layout: A4 (`@page { size: A4 }`), page numbers in the footer
(`@page` margin boxes, which Chromium prints since version 131), the table of contents on a page of
its own with links to every goal and objective. Chromium keeps the links, tags the PDF for screen
readers and, with `--generate-pdf-document-outline`, adds bookmarks from the headings.

Chromium runs with a throw-away profile, no network-related background work, and the page's own
Content-Security-Policy (no scripts, nothing fetched). PLANCTL_CHROMIUM names the browser to use;
otherwise the usual names and install places of Chromium, Chrome and Edge are tried.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from planctl.document import Document
from planctl.errors import InputError, UsageError
from planctl.render import html

CANDIDATES = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "msedge",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
)
TIMEOUT = 180  # seconds: a safety net against a browser that hangs, far beyond a normal print
HOW_TO_GET_ONE = (
    "install Chromium or Google Chrome (Debian/Ubuntu: apt-get install chromium), or set PLANCTL_CHROMIUM "
    "to its path; or write HTML (-o plan.html) and print it from a browser"
)


def find_browser() -> str | None:
    """The Chromium-family browser to print with: $PLANCTL_CHROMIUM, else the first one found."""
    explicit = os.environ.get("PLANCTL_CHROMIUM")
    if explicit:
        return shutil.which(explicit)
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def render(doc: Document) -> bytes:
    """The PDF file's bytes."""
    return print_page(html.render(doc))


def print_page(page: str) -> bytes:
    """`page` (a whole HTML document) printed to PDF by headless Chromium."""
    browser = find_browser()
    if browser is None:
        named = os.environ.get("PLANCTL_CHROMIUM")
        problem = f"PLANCTL_CHROMIUM={named!r} is not a program" if named else "no Chromium or Chrome found"
        raise UsageError(f"writing PDF needs a Chromium-family browser: {problem}", hint=HOW_TO_GET_ONE)
    with tempfile.TemporaryDirectory(prefix="planctl-pdf-") as tmp:
        folder = Path(tmp)
        source, target = folder / "plan.html", folder / "plan.pdf"
        source.write_text(page, encoding="utf-8")
        command = [
            browser,
            "--headless",
            f"--user-data-dir={folder / 'profile'}",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-gpu",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(2, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        try:
            done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(
                f"{browser} did not print the PDF within {TIMEOUT} seconds",
                hint="try again; or write HTML (-o plan.html) and print it from a browser",
            ) from None
        except OSError as e:
            raise UsageError(f"cannot run {browser}: {e.strerror or e}", hint=HOW_TO_GET_ONE) from None
        pdf = target.read_bytes() if target.is_file() else b""
        if not pdf.startswith(b"%PDF-"):
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise InputError(
                f"{browser} printed no PDF (exit status {done.returncode})",
                hint=f"it said: {said[-1]}" if said else HOW_TO_GET_ONE,
            )
        return pdf
