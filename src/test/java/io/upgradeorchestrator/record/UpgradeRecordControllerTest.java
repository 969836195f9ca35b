package io.upgradeorchestrator.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Content negotiation of the record: browsers get the page, API clients JSON. */
class UpgradeRecordControllerTest {

    @Test
    void shouldServeHtmlToBrowsersAndJsonToEverythingElse() {
        assertThat(UpgradeRecordController.prefersHtml("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))
                .isTrue();
        assertThat(UpgradeRecordController.prefersHtml("text/html")).isTrue();
        assertThat(UpgradeRecordController.prefersHtml("application/json")).isFalse();
        assertThat(UpgradeRecordController.prefersHtml("application/json, text/html;q=0.5")).isFalse();
        assertThat(UpgradeRecordController.prefersHtml("*/*")).isFalse();
        assertThat(UpgradeRecordController.prefersHtml(null)).isFalse();
        assertThat(UpgradeRecordController.prefersHtml("not a media type")).isFalse();
    }
}
