package io.upgradeorchestrator.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import io.upgradeorchestrator.testing.Smtp;
import io.upgradeorchestrator.testing.Upgrades;

/**
 * What every real-browser test needs: the application's port, a real SMTP server, a healthy demo target and one
 * headless Chromium per test class.
 */
abstract class BrowserTestSupport {

    @RegisterExtension
    static GreenMailExtension smtp = Smtp.server();

    static BrowserSession browser;

    @LocalServerPort
    int port;
    @Autowired
    Upgrades upgrades;

    @BeforeAll
    static void launch() {
        browser = Chromium.launch();
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /** Camunda Forms rendered the form: no "Form failure" in the task's details. */
    static void assertRendered(Tasklist tasklist) {
        PlaywrightAssertions.assertThat(tasklist.page().locator(".task-details .alert-danger").filter(
                new Locator.FilterOptions().setHasText("Form failure"))).isHidden();
    }

    @BeforeEach
    void freshDemoTarget() {
        upgrades.freshDemoTarget(); // earlier tests may have broken demo nodes on purpose
    }
}
