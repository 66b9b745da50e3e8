"""HTML → PDF with a headless Chromium, when one is installed (nothing is downloaded).

The page's own ``@page`` rule sets A4 and the margins; Chromium's header and footer (date,
file path, page number) are turned off so the PDF shows only the brief.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from faultline.errors import ConverterMissingError

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT_S = 90.0
# A closed network: no sandbox (root in containers), no calls home, no first-run work.
_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-pdf-header-footer",
)


def find_chromium() -> str | None:
    """The first Chromium-family browser on PATH, None when there is none."""
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def html_to_pdf(
    html: Path, pdf: Path, *, browser: str | None = None, timeout: float = TIMEOUT_S
) -> None:
    """Print ``html`` to ``pdf``. ConverterMissingError (E303) when no browser is found, or
    when the browser fails, stalls past ``timeout`` or writes nothing."""
    program = browser or find_chromium()
    if program is None:
        raise ConverterMissingError(
            f"writing a PDF needs Chromium ({', '.join(CHROMIUM_NAMES)} on PATH), and none is "
            "installed (apt-get install chromium)"
        )
    with tempfile.TemporaryDirectory(prefix="faultline-pdf-") as profile:
        command = [
            program,
            *_FLAGS,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf.resolve()}",
            html.resolve().as_uri(),
        ]
        _run(command, timeout, pdf)
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise ConverterMissingError(f"{program} ran but wrote no PDF at {pdf}")


def _run(command: list[str], timeout: float, pdf: Path) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ConverterMissingError(
            f"{command[0]} did not finish printing {pdf} within {timeout:g} s"
        ) from exc
    except OSError as exc:
        raise ConverterMissingError(f"cannot run {command[0]}: {exc}") from exc
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise ConverterMissingError(
            f"{command[0]} failed printing {pdf} (exit {done.returncode}): {last}"
        )
