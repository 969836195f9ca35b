package io.upgradeorchestrator.browser;

import java.nio.file.Path;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;

/** Camunda Cockpit as one person sees it. */
final class Cockpit {

    private final Page page;
    private final String appUrl;

    private Cockpit(Page page, int port) {
        this.page = page;
        this.appUrl = "http://localhost:" + port + "/camunda/app/cockpit/default/";
    }

    static Cockpit logIn(BrowserSession browser, int port, String user) {
        return logIn(browser.newPage(), port, user);
    }

    /** Logs in on a page of its own size (see {@link BrowserSession#newPage(int, int)}). */
    static Cockpit logIn(Page page, int port, String user) {
        Cockpit cockpit = new Cockpit(page, port);
        cockpit.page.navigate(cockpit.appUrl);
        // as in Tasklist: type only into fields Angular has compiled, or the login may submit nothing
        cockpit.page.locator("input[ng-model='username'].ng-untouched").waitFor();
        cockpit.page.locator("input[ng-model='username']").fill(user);
        cockpit.page.locator("input[ng-model='password']").fill(Passwords.of(user));
        cockpit.page.locator("button[type='submit']").click();
        cockpit.page.locator("input[ng-model='username']")
                .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
        return cockpit;
    }

    /** Opens the runtime view of a process instance and the tab with this label; the tabs take the whole pane. */
    Locator openInstanceTab(String processInstanceId, String tabLabel) {
        page.navigate(appUrl + "#/process-instance/" + processInstanceId + "/runtime");
        Locator tabs = page.locator("[cam-tabs]");
        tabs.locator("ul.nav-tabs li a", new Locator.LocatorOptions().setHasText(tabLabel)).first().click();
        // "Show tabs": the diagram pane collapses and the tab's content gets the page
        page.locator(".ctn-content-top a.hide-collapsable[title='Show tabs']").click();
        return tabs.locator(".ctn-tabbed-content");
    }

    /**
     * Opens a process definition's page, where Cockpit draws its diagram with bpmn-js, and waits until the diagram
     * shows this element.
     */
    void openProcessDefinition(String processDefinitionId, String elementId) {
        page.navigate(appUrl + "#/process-definition/" + processDefinitionId + "/runtime");
        page.locator(".djs-container .djs-element[data-element-id='" + elementId + "']").first().waitFor();
        // Cockpit zooms the diagram to fit right after drawing it: let the browser paint that before a screenshot
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
    }

    /** What the window shows, as the person sees it. */
    Path screenshotOfWindow(String name) {
        return BrowserSession.screenshot(page, name, false);
    }

    Path screenshot(String name) {
        return BrowserSession.screenshot(page, name);
    }

    void close() {
        page.context().close();
    }
}
