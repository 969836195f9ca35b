package io.upgradeorchestrator.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * The system's Chromium (Debian's {@code chromium} package), driven by Playwright without its own browser download.
 * System properties (set by the build, see pom.xml): {@code browser.chromium} (the executable, default
 * {@code /usr/bin/chromium}), {@code browser.tests.required} ({@code true} in the {@code browser} profile).
 */
final class Chromium {

    private static final List<String> ARGUMENTS = List.of("--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");

    private Chromium() {
    }

    static Path executable() {
        return Paths.get(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    }

    static boolean installed() {
        return Files.isExecutable(executable());
    }

    static boolean required() {
        return Boolean.getBoolean("browser.tests.required");
    }

    /** Playwright and a headless Chromium; close the session to end both. */
    static BrowserSession launch() {
        if (!installed()) {
            throw new AssertionError("The browser tests need Chromium at " + executable()
                    + ": install it (apt-get install chromium) or point -Dbrowser.chromium at it");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable()).setHeadless(true).setArgs(ARGUMENTS));
            return new BrowserSession(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }
}
