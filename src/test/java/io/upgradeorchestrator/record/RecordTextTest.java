package io.upgradeorchestrator.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordTextTest {

    private final RecordText text = new RecordText();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ROLLED_BACK | Rolled back",
            "COMPLETED | Completed",
            "MONITORING_BREACH | Monitoring breach",
            "PT4H | 4 h",
            "PT1H30M | 1 h 30 min",
            "P5D | 5 days",
            "P1DT2H | 1 day 2 h",
            "PT48H | 2 days",
            "2027-02-13T06:00:00Z | Sat 13 Feb 2027, 06:00 UTC",
            "2027-02-13T06:00:00.123456Z | Sat 13 Feb 2027, 06:00 UTC",
            // left as they are: versions, names, sentences, single letters, ids
            "8.2.1 | 8.2.1",
            "olga | olga",
            "Canary wave 1 failed | Canary wave 1 failed",
            "P | P",
            "UPG-2026-0001 | UPG-2026-0001",
            "P2024 | P2024"})
    void shouldWriteRecordedValuesAsPeopleReadThem(String value, String readable) {
        assertThat(text.of(value)).isEqualTo(readable);
    }

    @org.junit.jupiter.api.Test
    void shouldLeaveNumbersBooleansAndMissingValuesAlone() {
        assertThat(text.of(42)).isEqualTo("42");
        assertThat(text.of(true)).isEqualTo("true");
        assertThat(text.of(null)).isNull();
    }
}
