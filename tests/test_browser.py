"""A student's session in a real browser: `make lab`'s JupyterLab driven by Playwright in
Debian's headless Chromium (Playwright's own browser download is not used).

One test walks the whole session in order, as a student would: validate the untouched
notebook, run all cells, answer an exercise wrongly and then rightly, save, switch to the
dark theme, validate a completed notebook, open the Assignments panel. Screenshots of each
step are kept in ``$BROWSER_ARTIFACTS`` (default ``.course-build/browser/``).

Slow (about a minute and a half): ``pytest -m "not slow"`` leaves it out of a quick run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import nbformat
import pytest
from lab_server import running_lab

from autograder.demo import replace_answers
from autograder.lab import write_student_config
from autograder.notebooks import chapter_path, read_notebook

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHAPTER = "01_ml_process"
TOKEN = "browser-test"
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS", ROOT / ".course-build" / "browser"))
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome")
IDLE = ".jp-Notebook-ExecutionIndicator[data-status='idle']"

WRONG_Q5 = '''def count_colors(bits_per_channel, channels):
    return 2 ** bits_per_channel * channels
'''
RIGHT_Q5 = '''def count_colors(bits_per_channel, channels):
    return (2 ** bits_per_channel) ** channels
'''


def _korean_font() -> None:
    import subprocess

    found = subprocess.run(["fc-list", ":lang=ko", "family"], capture_output=True, text=True, check=False).stdout
    if not found.strip():
        pytest.fail("No Korean font for the browser: run `make browser` or `sudo apt-get install fonts-nanum`.")


def _browser_path() -> str:
    chosen = os.environ.get("CHROMIUM") or next(filter(None, map(shutil.which, BROWSER_NAMES)), None)
    if not chosen:
        pytest.fail(
            "No Chromium for the browser test: run `make browser` (as root it installs Debian's `chromium` and "
            "`fonts-nanum`), or `sudo apt-get install chromium fonts-nanum`, or set CHROMIUM=/path/to/chrome."
        )
    return chosen


@pytest.fixture(scope="module")
def lab_folder(tmp_path_factory, built_course):
    """A student's `make lab` folder: the release notebook, a completed copy, the student config.

    Notebook windowing is off (a test-only setting) so that every cell is in the page.
    """
    folder = tmp_path_factory.mktemp("lab")
    release = read_notebook(chapter_path(built_course.release, CHAPTER))
    key = read_notebook(chapter_path(built_course.solutions, CHAPTER))
    answers = {
        cell.metadata.nbgrader.grade_id: cell.source
        for cell in key.cells
        if cell.metadata.get("nbgrader", {}).get("grade_id", "").endswith("_answer")
    }
    (folder / CHAPTER).mkdir()
    nbformat.write(release, folder / CHAPTER / f"{CHAPTER}.ipynb")
    nbformat.write(replace_answers(release, answers), folder / CHAPTER / "completed.ipynb")
    write_student_config(folder)
    tracker = folder / ".jupyter/lab/user-settings/@jupyterlab/notebook-extension/tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True, exist_ok=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def lab(lab_folder):
    """(page, base URL): a Chromium page and the student's JupyterLab serving ``lab_folder``."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with running_lab(lab_folder, TOKEN) as base, sync_playwright() as playwright:
        _korean_font()
        browser = playwright.chromium.launch(executable_path=_browser_path(), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="ko-KR")
            page.set_default_timeout(60_000)
            yield page, base
        finally:
            browser.close()


def _open(page, base: str, name: str) -> None:
    """Open one notebook alone (``reset``: no tab of an earlier page comes back)."""
    page.goto(f"{base}/lab/tree/{CHAPTER}/{name}?reset&token={TOKEN}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell")
    _kernel_idle(page)


def _kernel_idle(page, timeout: float = 180_000) -> None:
    """The status bar says the notebook's kernel is started and idle ("Python 3 (ipykernel) | Idle").

    On a busy machine a kernel can start so slowly that JupyterLab asks "Select Kernel" for the
    notebook; a student then takes the offered default (Python 3), and so does this test.
    """
    status = page.locator(".jp-StatusBar-TextItem", has_text=re.compile(r"\| Idle$"))
    select = page.locator(".jp-Dialog", has_text="Select Kernel").get_by_role("button", name="Select")
    deadline = time.monotonic() + timeout / 1000
    while not status.count():
        if select.count():
            select.click()
        if time.monotonic() > deadline:
            raise AssertionError(f"the kernel did not become idle: {page.locator('.jp-StatusBar-Widget').inner_text()}")
        page.wait_for_timeout(250)
    page.wait_for_selector(f".jp-NotebookPanel {IDLE}", timeout=timeout)


def _menu(page, *path: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{path[0]}$")).click()
    for item in path[1:]:
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{item}$")).last.click()


def _wait_idle(page, timeout: float = 180_000) -> None:
    """Wait until the notebook on screen has no queued or running cell and its kernel is idle."""
    page.wait_for_timeout(1000)  # the indicator turns busy only after the request is sent
    _kernel_idle(page, timeout)
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.jp-InputArea-prompt')].some(p => p.textContent.includes('*'))",
        timeout=timeout,
    )


def _validate(page, name: str) -> str:
    page.locator(".jp-NotebookPanel").get_by_role("button", name="Validate").click()
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(timeout=300_000)
    text = dialog.inner_text()
    page.screenshot(path=ARTIFACTS / f"validate-{name}.png")
    page.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    return text


def _cell(page, text: str):
    return page.locator(".jp-CodeCell").filter(has_text=text)


def _answer(page, source: str, shows: str):
    """Type ``source`` into the q5 answer cell, run it and its check cell; return the check's
    output once it ``shows`` the given words (the previous run's output may still be on screen)."""
    answer = _cell(page, "def count_colors")
    answer.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(source)  # no auto-indent or bracket closing, as a paste
    page.keyboard.press("Shift+Enter")  # runs the answer, selects the check cell
    page.keyboard.press("Shift+Enter")  # runs the check
    _wait_idle(page)
    check = _cell(page, "q5.check()").locator(".jp-OutputArea-output").first
    check.wait_for()
    page.wait_for_function("([el, words]) => el.innerText.includes(words)", arg=[check.element_handle(), shows])
    return check


# Contrast of every text in the check boxes against what is really behind it (WCAG 2.x):
# translucent backgrounds (the code spans') are composited over the ones beneath them.
_CONTRAST_JS = """
boxes => boxes.flatMap(box => [box, ...box.querySelectorAll('*')].filter(el => el.textContent.trim()).map(el => {
  const rgba = c => { const v = (c.match(/[\\d.]+/g) || []).map(Number); return v.length === 3 ? [...v, 1] : v; };
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                               return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const layers = [];
  for (let node = el; node; node = node.parentElement) {
    const c = rgba(getComputedStyle(node).backgroundColor);
    if (c.length === 4 && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
  }
  let back = [255, 255, 255];
  for (const [r, g, b, a] of layers.reverse()) back = [r * a + back[0] * (1 - a), g * a + back[1] * (1 - a), b * a + back[2] * (1 - a)];
  const fore = getComputedStyle(el).color;
  const [hi, lo] = [lum(rgba(fore)), lum(back)].sort((x, y) => y - x);
  return {tag: el.tagName, text: el.textContent.slice(0, 40), fore, back: back.map(Math.round), ratio: (hi + 0.05) / (lo + 0.05)};
}))
"""


def _assert_readable(page, picture: str) -> list[dict]:
    boxes = _cell(page, "q5.check()").locator(".jp-OutputArea-output div[style*='border-left']")
    boxes.first.screenshot(path=ARTIFACTS / picture)
    contrasts = boxes.evaluate_all(_CONTRAST_JS)
    assert contrasts and all(item["ratio"] >= 4.5 for item in contrasts), contrasts
    return contrasts


def test_a_student_session_in_jupyterlab(lab, lab_folder):
    page, base = lab
    notebook = lab_folder / CHAPTER / f"{CHAPTER}.ipynb"
    _open(page, base, f"{CHAPTER}.ipynb")
    # Student tools only: Validate in the toolbar, no instructor sidebar.
    assert page.locator(".jp-NotebookPanel").get_by_role("button", name="Validate").is_visible()
    assert page.get_by_text("Create Assignment").count() == 0
    assert page.get_by_text("official Jupyter news").count() == 0

    # nbgrader's Validate fails on the untouched notebook, in the check cells' own Korean words.
    untouched = _validate(page, "untouched")
    assert "failed" in untouched and "아직 답이 없습니다" in untouched

    # Run all: the set-up cells speak Korean and show no red stderr; the run stops, as nbgrader's
    # stubs make it, at the first exercise still left blank.
    _menu(page, "Run", "Run All Cells")
    _wait_idle(page)
    page.screenshot(path=ARTIFACTS / "run-all.png")
    assert "실습 환경 준비 완료" in _cell(page, "runtime = setup(").inner_text()
    assert "course 준비 완료" in page.locator(".jp-CodeCell").first.inner_text()
    red = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
    assert len(red) == 1, red  # JupyterLab shows an error in the same red: only the stub's error is there
    assert "NotImplementedError" in red[0] and "YOUR CODE HERE" in red[0]
    stopped_at = page.locator(".jp-CodeCell", has=page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"))
    assert "best_approach = {" in stopped_at.inner_text()  # exercise 1's answer cell

    # A wrong answer, then the right one: each gets its Korean message at once.
    wrong = _answer(page, WRONG_Q5, "문제 5")
    wrong.screenshot(path=ARTIFACTS / "q5-wrong.png")
    assert "다시 생각해 보세요" in wrong.inner_text() and "✅" not in wrong.inner_text()
    right = _answer(page, RIGHT_Q5, "통과")
    right.screenshot(path=ARTIFACTS / "q5-right.png")
    assert "✅" in right.inner_text()

    # Save: the answer is on disk.
    page.keyboard.press("Control+s")
    page.wait_for_function("() => !document.querySelector('.jp-mod-current.jp-mod-dirty')")
    saved = [c for c in nbformat.read(notebook, as_version=4).cells if "def count_colors" in c.source]
    assert saved and "(2 ** bits_per_channel) ** channels" in saved[0].source

    # Dark theme: every text in the check boxes keeps at least WCAG AA contrast (4.5:1).
    _menu(page, "Settings", "Theme", "JupyterLab Dark")
    page.wait_for_function("() => document.body.dataset.jpThemeLight === 'false'")
    page.wait_for_timeout(500)
    page.screenshot(path=ARTIFACTS / "dark-theme.png")
    _assert_readable(page, "q5-right-dark.png")
    _answer(page, WRONG_Q5, "다시 생각해")  # the wrong answer's message has code spans: measured too
    assert any(item["tag"] == "CODE" for item in _assert_readable(page, "q5-wrong-dark.png"))
    _answer(page, RIGHT_Q5, "통과")
    page.keyboard.press("Control+s")
    _menu(page, "Settings", "Theme", "JupyterLab Light")

    # A completed notebook runs from top to bottom: every check passes, and every course.plots
    # figure carries its Korean description as alt text and caption.
    _open(page, base, "completed.ipynb")
    shown = page.locator(".jp-NotebookPanel")
    _menu(page, "Run", "Run All Cells")
    _wait_idle(page)
    page.screenshot(path=ARTIFACTS / "completed-run-all.png")
    assert shown.locator(".jp-CodeCell .jp-InputArea-prompt", has_text=re.compile(r"^\[ \]:$")).count() == 0
    assert shown.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts() == []
    checks = shown.locator(".jp-CodeCell", has_text=re.compile(r"q\d\.check\(\)")).all_inner_texts()
    assert len(checks) == 9 and all("✅" in text or "☑️" in text for text in checks), checks
    figures = shown.locator(".jp-OutputArea-output figure")
    assert figures.count() >= 2
    for figure in figures.all():
        alt = figure.locator("img").get_attribute("alt")
        assert alt and "가로축" in alt, alt  # what is on the axes, in Korean
        assert figure.locator("figcaption").inner_text().startswith("그림 설명: ")
    figures.first.screenshot(path=ARTIFACTS / "figure-with-caption.png")

    # Validate passes on it.
    assert "Success! Your notebook passes all the tests." in _validate(page, "completed")

    # The Assignments panel opens without an exchange error.
    _menu(page, "Nbgrader", "Assignment List")
    panel = page.locator("#nbgrader-assignment-list, .nbgrader-AssignmentList, .jp-MainAreaWidget").filter(
        has_text="Released assignments"
    )
    panel.first.wait_for()
    page.wait_for_timeout(2000)  # the panel asks the server for the course's assignments
    page.screenshot(path=ARTIFACTS / "assignments.png")
    shown = panel.first.inner_text()
    assert "Error" not in shown and "exchange" not in shown.lower(), shown
