package io.upgradeorchestrator.browser;

import java.nio.file.Path;

import org.camunda.bpm.engine.task.Task;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;

/** Camunda Tasklist as one person sees it. Waits on what the page shows, never on time. */
final class Tasklist {

    private final Page page;
    private final String baseUrl;

    private Tasklist(Page page, String baseUrl) {
        this.page = page;
        this.baseUrl = baseUrl;
    }

    static Tasklist logIn(BrowserSession browser, int port, String user) {
        Tasklist tasklist = new Tasklist(browser.newPage(), "http://localhost:" + port);
        tasklist.logIn(user);
        return tasklist;
    }

    Page page() {
        return page;
    }

    private void logIn(String user) {
        for (int attempt = 1; ; attempt++) {
            page.navigate(baseUrl + "/camunda/app/tasklist/default/");
            Locator filters = page.locator(".task-filters .task-filter").first();
            Locator username = page.locator("input[ng-model='username'].ng-untouched");
            // Fill the fields only once Angular has compiled them (it marks them ng-untouched): on a loaded machine
            // text typed into the raw template is lost, the click submits nothing and the filters never appear.
            username.or(filters).first().waitFor();
            if (!filters.isVisible()) {
                page.locator("input[ng-model='username']").fill(user);
                page.locator("input[ng-model='password']").fill(Passwords.of(user));
                page.locator("button[type='submit']").click();
            }
            try {
                filters.waitFor();
                return;
            } catch (com.microsoft.playwright.TimeoutError slow) {
                // a login lost on a loaded machine: open Tasklist again (logged in by now, or asking again), once
                if (attempt == 2) {
                    throw slow;
                }
            }
        }
    }

    /** Opens "Start process", picks the process and waits for its start form. */
    CamundaForm openStartForm(String processName) {
        page.locator(".start-process-action a").click();
        page.locator(".modal-content ul.processes a", new Page.LocatorOptions().setHasText(processName)).first().click();
        return new CamundaForm(page.locator(".modal-content"));
    }

    /** Presses "Start" in the start dialog. */
    void pressStart() {
        startButton().click();
    }

    Locator startButton() {
        return page.locator(".modal-content button[ng-click='startProcessInstance()']");
    }

    Locator startDialog() {
        return page.locator(".modal-content");
    }

    void openFilter(String filterName) {
        page.locator(".task-filters .task-filter .name a", new Page.LocatorOptions().setHasText(filterName)).first().click();
        page.locator(".task-filters .task-filter.active .name a", new Page.LocatorOptions().setHasText(filterName))
                .waitFor();
    }

    /** Clicks the task whose name starts with (or contains) this text in the current filter and waits for its form. */
    CamundaForm openTask(String taskName) {
        page.locator(".tasks-list li.task h4 a", new Page.LocatorOptions().setHasText(taskName)).first().click();
        page.locator(".task-details h2, .task-details .names", new Page.LocatorOptions().setHasText(taskName)).first()
                .waitFor();
        return new CamundaForm(page.locator(".task-details"));
    }

    /** Opens one task by its id (Tasklist's own link to a task) and waits for its form. */
    CamundaForm openTask(Task task) {
        page.navigate(baseUrl + "/camunda/app/tasklist/default/#/?task=" + task.getId());
        page.locator(".task-details h2, .task-details .names", new Page.LocatorOptions().setHasText(task.getName()))
                .first().waitFor();
        return new CamundaForm(page.locator(".task-details"));
    }

    /** Navigates to a task's link without waiting for its form (for a task the user may not see). */
    void openTaskLink(Task task) {
        page.navigate(baseUrl + "/camunda/app/tasklist/default/#/?task=" + task.getId());
    }

    /** Waits until the current filter's task list has been loaded and drawn. */
    void waitForTaskList() {
        page.locator(".tasks-list").first().waitFor();
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
    }

    Locator tasks(String taskName) {
        return page.locator(".tasks-list li.task h4 a", new Page.LocatorOptions().setHasText(taskName));
    }

    void claim() {
        page.locator(".task-details button.claim").click();
    }

    Locator assignee() {
        return page.locator(".task-details .assignee");
    }

    void complete() {
        page.locator(".task-details button[ng-click='complete()']").click();
    }

    Locator completeButton() {
        return page.locator(".task-details button[ng-click='complete()']");
    }

    /** The newest notification Tasklist shows (top right), once one appears. */
    Locator notifications() {
        return page.locator(".page-notifications .alert, .modal-content .notifications .alert");
    }

    /** Waits until the task pane says nothing is selected (after completing, Tasklist closes the task). */
    void waitForTaskClosed(String taskName) {
        tasks(taskName).first().waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
    }

    /** A screenshot of the whole form: the viewport grows to the form's height first (Tasklist scrolls inside panes). */
    Path screenshot(String name) {
        Object height = page.evaluate("() => Math.max(...Array.from(document.querySelectorAll('form.fjs-form'))"
                + ".map(f => f.getBoundingClientRect().bottom), 0)");
        int needed = (int) Math.ceil(((Number) height).doubleValue()) + 300;
        if (needed > page.viewportSize().height) {
            page.setViewportSize(page.viewportSize().width, Math.min(needed, 8000));
        }
        return BrowserSession.screenshot(page, name);
    }

    void close() {
        page.context().close();
    }
}
