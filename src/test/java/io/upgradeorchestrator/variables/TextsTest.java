package io.upgradeorchestrator.variables;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void shouldKeepShortTextsAsTheyAre() {
        assertThat(Texts.fit("Backup verified")).isEqualTo("Backup verified");
        assertThat(Texts.fit(null)).isNull();
        assertThat(Texts.appendKeepingLatest(null, "first")).isEqualTo("first");
        assertThat(Texts.appendKeepingLatest("first", "second")).isEqualTo("first\nsecond");
    }

    @Test
    void shouldCutALongTextVisiblyBelowTheEnginesLimit() {
        String fitted = Texts.fit("n".repeat(100_000));

        assertThat(fitted).hasSizeLessThanOrEqualTo(Texts.MAX_LENGTH)
                .endsWith("(cut: 100000 characters, the first " + Texts.MAX_LENGTH + " are kept)");
        assertThat(Texts.MAX_LENGTH).isLessThan(StringLengthLimit.MAX_LENGTH);
    }

    @Test
    void shouldDropTheOldestLinesFirstAndCountThem() {
        String log = null;
        for (int report = 1; report <= 10; report++) {
            log = Texts.appendKeepingLatest(log, "report " + report + ": " + "d".repeat(1000));
        }

        assertThat(log).hasSizeLessThanOrEqualTo(Texts.MAX_LENGTH).endsWith("d")
                .contains("report 10:").contains("report 8:").doesNotContain("report 1:");
        int kept = log.split("\n").length - 1;
        assertThat(log).startsWith("… (" + (10 - kept) + " earlier line(s) cut)\n");
    }

    @Test
    void shouldKeepTheNewestLineEvenWhenItIsLong() {
        String log = Texts.appendKeepingLatest("old report", "new report " + "n".repeat(10_000));

        assertThat(log).hasSizeLessThan(StringLengthLimit.MAX_LENGTH).contains("new report").doesNotContain("old report")
                .startsWith("… (1 earlier line(s) cut)\n");
    }
}
