package io.upgradeorchestrator.browser;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that drives the webapps in headless Chromium. Runs when Chromium is installed, is skipped with a printed
 * reason when it is not, and fails instead when the {@code browser} Maven profile requires it (see
 * {@link Chromium}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("browser")
@ExtendWith(ChromiumCondition.class)
public @interface BrowserTest {
}
