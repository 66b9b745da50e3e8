"""HTML → PDF with a headless Chromium, and a clear E303 when there is none or it fails."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from faultline.brief import pdf
from faultline.brief.pdf import find_chromium, html_to_pdf
from faultline.errors import ConverterMissingError
from tests.brief.conftest import pdf_pages

CHROMIUM = Path("/usr/bin/chromium")
PAGE = "<!doctype html><html><body><h1>Brief</h1><p>One page.</p></body></html>"


@pytest.fixture
def html_file(tmp_path: Path) -> Path:
    path = tmp_path / "brief.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def fake_browser(tmp_path: Path, script: str) -> str:
    """A stand-in browser: a shell script doing ``script``."""
    program = tmp_path / "fake-chromium"
    program.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return str(program)


def test_no_browser_on_path_is_a_missing_converter(html_file, monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    assert find_chromium() is None
    with pytest.raises(ConverterMissingError, match="needs Chromium") as caught:
        html_to_pdf(html_file, html_file.with_suffix(".pdf"))
    assert caught.value.code == "E303"


def test_the_first_browser_found_is_used(monkeypatch):
    found = {"chromium-browser": "/opt/bin/chromium-browser"}
    monkeypatch.setattr(pdf.shutil, "which", found.get)
    assert find_chromium() == "/opt/bin/chromium-browser"


@pytest.mark.parametrize(
    ("script", "message"),
    [
        ("echo 'cannot open display' >&2; exit 3", r"failed printing .* \(exit 3\): cannot open"),
        ("exit 0", "ran but wrote no PDF"),
    ],
)
def test_a_failing_browser_is_reported_on_one_line(html_file, tmp_path, script, message):
    browser = fake_browser(tmp_path, script)
    with pytest.raises(ConverterMissingError, match=message):
        html_to_pdf(html_file, tmp_path / "out.pdf", browser=browser)


def test_a_stalled_browser_is_stopped(html_file, tmp_path):
    browser = fake_browser(tmp_path, "exec sleep 30")
    with pytest.raises(ConverterMissingError, match="did not finish printing"):
        html_to_pdf(html_file, tmp_path / "out.pdf", browser=browser, timeout=0.5)


def test_the_browser_gets_the_page_as_a_file_url_and_prints_without_headers(html_file, tmp_path):
    record = tmp_path / "argv.txt"
    browser = fake_browser(
        tmp_path,
        f'printf "%s\\n" "$@" > {record}\n'
        'for a in "$@"; do case "$a" in --print-to-pdf=*) echo "%PDF" > "${a#*=}";; esac; done',
    )
    html_to_pdf(html_file, tmp_path / "out.pdf", browser=browser)
    argv = record.read_text(encoding="utf-8").splitlines()
    assert argv[-1] == html_file.resolve().as_uri()
    assert {"--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"} <= set(argv)
    assert f"--print-to-pdf={(tmp_path / 'out.pdf').resolve()}" in argv


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="apt-get install chromium")
def test_chromium_prints_a_pdf(html_file, tmp_path):
    target = tmp_path / "brief.pdf"
    html_to_pdf(html_file, target, browser=str(CHROMIUM))
    assert pdf_pages(target.read_bytes()) == 1
