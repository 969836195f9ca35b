package io.upgradeorchestrator.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChangeCalendarTest {

    private static final ChangeCalendarProperties.Freeze RELEASE_FREEZE = new ChangeCalendarProperties.Freeze(
            "Core banking release", Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-06-08T00:00:00Z"));

    @Test
    void theDefaultIsTheYearEndFreeze() {
        ChangeCalendar calendar = new ChangeCalendar(new ChangeCalendarProperties(null, null));

        // 28 December 2026 is inside; Europe/Berlin is UTC+1 in winter, so it starts 19 Dec 23:00 UTC.
        List<ChangeCalendar.FreezePeriod> found = calendar.overlapping(at("2026-12-28T10:00:00Z"),
                at("2026-12-28T14:00:00Z"));
        assertThat(found).singleElement().satisfies(freeze -> {
            assertThat(freeze.name()).isEqualTo("Year-end freeze");
            assertThat(freeze.start()).isEqualTo(at("2026-12-19T23:00:00Z"));
            assertThat(freeze.end()).isEqualTo(at("2027-01-06T23:00:00Z"));
        });
        // 3 January belongs to the freeze that began the year before.
        assertThat(calendar.overlapping(at("2027-01-03T10:00:00Z"), at("2027-01-03T14:00:00Z")))
                .singleElement().extracting(ChangeCalendar.FreezePeriod::start).isEqualTo(at("2026-12-19T23:00:00Z"));
        // Mid-year is free.
        assertThat(calendar.overlapping(at("2026-06-10T10:00:00Z"), at("2026-06-10T14:00:00Z"))).isEmpty();
    }

    @Test
    void windowsEndingAtTheFreezeOrStartingAfterItAreFine() {
        ChangeCalendar calendar = new ChangeCalendar(new ChangeCalendarProperties(List.of(RELEASE_FREEZE), List.of()));

        assertThat(calendar.overlapping(at("2026-05-31T20:00:00Z"), at("2026-06-01T00:00:00Z"))).isEmpty();
        assertThat(calendar.overlapping(at("2026-06-08T00:00:00Z"), at("2026-06-08T04:00:00Z"))).isEmpty();
        assertThat(calendar.overlapping(at("2026-05-31T22:00:00Z"), at("2026-06-01T00:00:01Z"))).hasSize(1);
        assertThat(calendar.overlapping(at("2026-06-07T23:59:00Z"), at("2026-06-08T04:00:00Z"))).hasSize(1);
    }

    @Test
    void aWindowAroundAWholeFreezeOverlapsIt() {
        ChangeCalendar calendar = new ChangeCalendar(new ChangeCalendarProperties(List.of(RELEASE_FREEZE), List.of()));

        assertThat(calendar.overlapping(at("2026-05-01T00:00:00Z"), at("2026-07-01T00:00:00Z")))
                .extracting(ChangeCalendar.FreezePeriod::name).containsExactly("Core banking release");
    }

    @Test
    void anEmptyListMeansNoAnnualFreeze() {
        ChangeCalendar calendar = new ChangeCalendar(new ChangeCalendarProperties(List.of(), List.of()));

        assertThat(calendar.overlapping(at("2026-12-28T10:00:00Z"), at("2026-12-28T14:00:00Z"))).isEmpty();
    }

    @Test
    void anAnnualFreezeWithinOneYear() {
        ChangeCalendar calendar = new ChangeCalendar(new ChangeCalendarProperties(List.of(), List.of(
                new ChangeCalendarProperties.AnnualFreeze("Summer audit", "07-01", "07-15", "UTC"))));

        assertThat(calendar.overlapping(at("2027-07-15T22:00:00Z"), at("2027-07-16T02:00:00Z"))).hasSize(1);
        assertThat(calendar.overlapping(at("2027-07-16T00:00:00Z"), at("2027-07-16T02:00:00Z"))).isEmpty();
    }

    @Test
    void refusesBrokenFreezesAtStartUp() {
        assertThatThrownBy(() -> new ChangeCalendar(new ChangeCalendarProperties(List.of(
                new ChangeCalendarProperties.Freeze("Backwards", at("2026-06-08T00:00:00Z"), at("2026-06-01T00:00:00Z"))),
                List.of()))).hasMessageContaining("freezes[0] ('Backwards') needs a start and an end after it");
        assertThatThrownBy(() -> new ChangeCalendar(new ChangeCalendarProperties(List.of(
                new ChangeCalendarProperties.Freeze(" ", at("2026-06-01T00:00:00Z"), at("2026-06-08T00:00:00Z"))),
                List.of()))).hasMessageContaining("freezes[0].name is required");
        assertThatThrownBy(() -> new ChangeCalendar(new ChangeCalendarProperties(List.of(), List.of(
                new ChangeCalendarProperties.AnnualFreeze("Year-end", "20.12.", "01-06", "UTC")))))
                .hasMessageContaining("annual-freezes[0] ('Year-end') needs 'from' and 'to' as month-day MM-dd");
        assertThatThrownBy(() -> new ChangeCalendar(new ChangeCalendarProperties(List.of(), List.of(
                new ChangeCalendarProperties.AnnualFreeze("Year-end", "12-20", "01-06", "Mars/Olympus")))))
                .hasMessageContaining("unknown time zone 'Mars/Olympus'");
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
