"""Browser fixtures: Debian's Chromium driven by Playwright, and axe-core for accessibility.

Without /usr/bin/chromium the browser tests skip with a notice (pytest -ra prints it), unless
REQUIRE_BROWSER is set, as CI sets it: there a missing browser is a failure, not a skip.
"""

import json
import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE_JS.read_text() if AXE_JS.exists() else ""
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# Playwright's sync API runs an event loop in the test's thread; the ORM calls the tests make
# there (creating users) are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"REQUIRE_BROWSER is set but there is no Chromium at {CHROMIUM}")
        pytest.skip(f"Browser tests skipped: no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def assert_accessible(page):
    """Run axe-core on the page as it stands; fail with each WCAG 2.2 AA violation described."""
    page.evaluate(AXE_SOURCE)  # evaluated by the browser's tools, so the page's CSP (rightly) has no say
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA)
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [node["target"] for node in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
    assert not violations, f"axe-core on {page.url}:\n" + json.dumps(violations, indent=2)


@pytest.fixture(autouse=True)
def browser_database(request):
    if "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_letters")


def screenshot(page, name):
    """Kept where SCREENSHOT_DIR says (the closing note's pictures), when it is set."""
    if directory := os.environ.get("SCREENSHOT_DIR"):
        page.screenshot(path=str(Path(directory) / name), full_page=True)
