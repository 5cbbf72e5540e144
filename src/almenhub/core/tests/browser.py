"""What the browser tests share: Debian's Chromium driven by Playwright, and a
watch on every page for console errors and Content-Security-Policy
violations.

Chromium comes from Debian's packages (scripts/ensure-chromium.sh, run by
`make test`); Playwright's own browser download is not used.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Runs before any script of the page (and of its frames), so a violation is
# recorded even when it happens while the page loads.
_RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(
    `${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`
      + ` (${e.sourceFile}:${e.lineNumber})`
  );
});
"""


@dataclass
class PageWatch:
    """Console errors, uncaught exceptions and CSP violations of one tab."""

    page: object
    problems: list[str] = field(default_factory=list)
    _expected_failures: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        page = self.page
        page.add_init_script(_RECORD_VIOLATIONS)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problems.append(f"pageerror: {error}"))
        page.on("response", self._on_response)

    def _on_response(self, response) -> None:
        if response.status < 400:
            return
        request = response.request
        if (
            response.status == 400
            and request.method == "POST"
            and request.resource_type == "fetch"
            and response.headers.get("content-type", "").startswith("application/json")
        ):
            # Wagtail's autosave posts the form while the editor types; an
            # incomplete form is answered 400 with its errors as JSON, which
            # the editor sees as the indicator "not saved yet". Chromium
            # still logs the 400 on the console.
            self._expected_failures.add(request.url)
            return
        self.problems.append(f"http {response.status}: {request.method} {request.url}")

    def _on_console(self, message) -> None:
        if (
            message.type == "error"
            and message.text.startswith("Failed to load resource")
            and message.location.get("url") in self._expected_failures
        ):
            return
        if message.type == "error":
            self.problems.append(f"console: {message.text[:300]}")

    def assert_clean(self, where: str) -> None:
        """No error and no violation since the last check; the page is Danish."""
        for frame in self.page.frames:
            try:
                found = frame.evaluate("window.__cspViolations || []")
            except Exception:  # noqa: BLE001 - a frame that went away has none
                found = []
            self.problems.extend(f"csp: {v}" for v in found)
            try:
                frame.evaluate("window.__cspViolations = []")
            except Exception:  # noqa: BLE001
                pass
        problems, self.problems = self.problems, []
        assert not problems, f"{where}: {problems}"
        assert self.page.get_attribute("html", "lang") == "da", where


def admin_log_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "/admin/login/" not in page.url, "the login was refused"


def choose_in_modal(page, opener, query: str, choice: str) -> None:
    """Open a chooser, search for `query` and pick the result named `choice`."""
    opener.click()
    modal = page.locator(".modal-dialog").last
    modal.wait_for(state="visible")
    modal.locator("input[name=q]").fill(query)
    link = modal.get_by_role("link", name=choice, exact=True).first
    link.wait_for(state="visible")
    link.click()
    modal.wait_for(state="hidden")


def open_preview(page):
    """Open the editor's preview panel; return the frame showing the page."""
    toggle = page.locator("[data-side-panel-toggle=preview]")
    # The admin remembers an open panel from the last editor visited.
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    frame = page.locator("[data-side-panel=preview] iframe").first
    frame.wait_for(state="attached")
    return frame.content_frame


def settle_autosave(page) -> None:
    """Wait until Wagtail's autosave has sent what was typed.

    An editor who stops typing sees "Gemt" before saving. A test types faster
    than the autosave's half-second debounce, so without this wait an
    autosave of an older state of the form can still be on its way when the
    save button posts the form; on a busy server it may land after that save
    and overwrite its revision (Wagtail's own race, wagtail/wagtail#13749),
    and the test then checks a draft without its last choices.
    """
    page.wait_for_function(
        """() => {
            const el = document.getElementById('w-autosave-indicator');
            return !el || el.getAttribute('data-w-autosave-state-value') !== 'saving';
        }"""
    )


def save_draft(page) -> None:
    """Save the editor's form as a draft and wait for the next screen."""
    settle_autosave(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Gem kladde").click()


def publish(page) -> None:
    """Publish from the editor's footer menu and wait for the next screen."""
    settle_autosave(page)
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    with page.expect_navigation():
        page.locator("button[name=action-publish]").click()
