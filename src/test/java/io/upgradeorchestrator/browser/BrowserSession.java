package io.upgradeorchestrator.browser;

import java.nio.file.Path;
import java.nio.file.Paths;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * One headless Chromium for a test class. Every {@link #newPage()} is a fresh browser context (its own cookies),
 * so each person logs in on their own page; screenshots go to {@code target/screenshots}.
 */
final class BrowserSession implements AutoCloseable {

    /** Tall enough that a whole Camunda Form fits in one screenshot. */
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 2000;
    /** Generous: on a loaded two-core build machine Tasklist can take long to answer; waits end as soon as it does. */
    static final double TIMEOUT_MS = 60_000;

    private final Playwright playwright;
    private final Browser browser;

    BrowserSession(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    Page newPage() {
        return newPage(WIDTH, HEIGHT);
    }

    /** A page in a window of this size, e.g. a 1920×1080 screen to see diagrams as people at work see them. */
    Page newPage(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height).setLocale("en-US").setTimezoneId("UTC"));
        context.setDefaultTimeout(TIMEOUT_MS);
        context.setDefaultNavigationTimeout(TIMEOUT_MS);
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(TIMEOUT_MS / 3);
        return context.newPage();
    }

    static Path screenshot(Page page, String name) {
        return screenshot(page, name, true);
    }

    /** The whole page, or only what the window shows. */
    static Path screenshot(Page page, String name, boolean fullPage) {
        Path file = Paths.get(System.getProperty("browser.screenshots", "target/screenshots")).resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(fullPage));
        return file;
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
