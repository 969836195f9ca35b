package io.upgradeorchestrator.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.upgradeorchestrator.inventory.PeakPeriod;

class PeakPeriodRuleTest {

    private static final String BERLIN = "Europe/Berlin";
    private static final PeakPeriod BUSINESS_HOURS = new PeakPeriod("Business hours",
            List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
            List.of(), LocalTime.of(7, 0), LocalTime.of(19, 0), BERLIN);
    private static final PeakPeriod MONTH_END = new PeakPeriod("Month-end close", List.of(),
            List.of(28, 29, 30, 31, 1, 2, 3), LocalTime.of(0, 0), LocalTime.of(23, 59), BERLIN);
    private static final PeakPeriod NIGHTLY_RUN = new PeakPeriod("Nightly payment run", null, null,
            LocalTime.of(1, 0), LocalTime.of(3, 0), BERLIN);
    private static final PeakPeriod LATE_BATCH = new PeakPeriod("Late batch", List.of(DayOfWeek.SATURDAY), List.of(),
            LocalTime.of(22, 0), LocalTime.of(2, 0), "UTC");

    @Test
    void aWeekendWindowMissesBusinessHours() {
        // Saturday 13 June 2026, 08:00–14:00 Berlin (summer time, UTC+2).
        assertThat(PeakPeriodRule.check(List.of(BUSINESS_HOURS), at("2026-06-13T06:00:00Z"), at("2026-06-13T12:00:00Z")))
                .isEmpty();
    }

    @Test
    void aWeekdayWindowHitsBusinessHoursAndNamesIt() {
        List<String> reasons = PeakPeriodRule.check(List.of(BUSINESS_HOURS), at("2026-06-10T15:00:00Z"),
                at("2026-06-10T19:00:00Z"));

        assertThat(reasons).singleElement().asString().contains("peak period 'Business hours'",
                "Mon, Tue, Wed, Thu, Fri, 07:00–19:00 Europe/Berlin", "Wed 2026-06-10 07:00 – 19:00 Europe/Berlin");
    }

    @Test
    void windowsThatOnlyTouchAPeakAreFine() {
        // Business hours end at 19:00 Berlin = 17:00 UTC in summer; a window starting then is outside.
        assertThat(PeakPeriodRule.check(List.of(BUSINESS_HOURS), at("2026-06-10T17:00:00Z"), at("2026-06-10T22:00:00Z")))
                .isEmpty();
        // ... and one ending at 07:00 Berlin, too.
        assertThat(PeakPeriodRule.check(List.of(BUSINESS_HOURS), at("2026-06-10T01:00:00Z"), at("2026-06-10T05:00:00Z")))
                .isEmpty();
    }

    @Test
    void aWindowAcrossMidnightIsCheckedOnTheNextDayToo() {
        // Friday 12 June 22:00 Berlin to Saturday 13 June 02:00: the nightly run starts at 01:00 on Saturday.
        List<String> reasons = PeakPeriodRule.check(List.of(NIGHTLY_RUN, BUSINESS_HOURS), at("2026-06-12T20:00:00Z"),
                at("2026-06-13T00:00:00Z"));

        assertThat(reasons).singleElement().asString().contains("'Nightly payment run'", "every day",
                "Sat 2026-06-13 01:00 – 03:00");
        // Sunday 22:00 to Monday 08:00 reaches Monday's business hours.
        assertThat(PeakPeriodRule.check(List.of(BUSINESS_HOURS), at("2026-06-14T20:00:00Z"), at("2026-06-15T06:00:00Z")))
                .singleElement().asString().contains("Mon 2026-06-15 07:00");
    }

    @Test
    void aPeakAcrossMidnightReachesIntoTheNextDay() {
        // Saturday 22:00–02:00 UTC: a window on Sunday 01:00 is inside Saturday's occurrence.
        assertThat(PeakPeriodRule.check(List.of(LATE_BATCH), at("2026-06-14T01:00:00Z"), at("2026-06-14T04:00:00Z")))
                .singleElement().asString().contains("Sat 2026-06-13 22:00 – 02:00 UTC");
        // Sunday 02:00 onward is free.
        assertThat(PeakPeriodRule.check(List.of(LATE_BATCH), at("2026-06-14T02:00:00Z"), at("2026-06-14T06:00:00Z")))
                .isEmpty();
        // Friday night is not a batch night.
        assertThat(PeakPeriodRule.check(List.of(LATE_BATCH), at("2026-06-12T23:00:00Z"), at("2026-06-13T01:00:00Z")))
                .isEmpty();
    }

    @Test
    void daysOfTheMonthIncludingTheMonthEnd() {
        // 30 May 2026 is a Saturday at month-end.
        assertThat(PeakPeriodRule.check(List.of(MONTH_END), at("2026-05-30T06:00:00Z"), at("2026-05-30T12:00:00Z")))
                .singleElement().asString().contains("days 28, 29, 30, 31, 1, 2, 3 of the month");
        // 27 June is not.
        assertThat(PeakPeriodRule.check(List.of(MONTH_END), at("2026-06-27T06:00:00Z"), at("2026-06-27T12:00:00Z")))
                .isEmpty();
        // A window late on the 27th (Berlin) that runs past midnight into the 28th hits it.
        assertThat(PeakPeriodRule.check(List.of(MONTH_END), at("2026-06-27T20:00:00Z"), at("2026-06-27T23:00:00Z")))
                .singleElement().asString().contains("2026-06-28 00:00");
    }

    @Test
    void theDayIsTheDayInThePeriodsZone() {
        // 23:30 UTC on Sunday 27 September is already Monday 28th, 01:30 in Berlin: month-end and nightly run.
        assertThat(PeakPeriodRule.check(List.of(MONTH_END, NIGHTLY_RUN), at("2026-09-27T23:30:00Z"),
                at("2026-09-28T00:30:00Z"))).hasSize(2);
    }

    @Test
    void daysOfWeekOrDaysOfMonthMatchLikeCron() {
        PeakPeriod both = new PeakPeriod("Mondays and the 15th", List.of(DayOfWeek.MONDAY), List.of(15),
                LocalTime.of(0, 0), LocalTime.of(23, 0), "UTC");
        assertThat(PeakPeriodRule.matches(both, LocalDate.of(2026, 6, 15))).isTrue(); // a Monday and the 15th
        assertThat(PeakPeriodRule.matches(both, LocalDate.of(2026, 6, 8))).isTrue(); // a Monday
        assertThat(PeakPeriodRule.matches(both, LocalDate.of(2026, 7, 15))).isTrue(); // a Wednesday, the 15th
        assertThat(PeakPeriodRule.matches(both, LocalDate.of(2026, 7, 16))).isFalse();
    }

    @Test
    void aLongWindowNamesEachPeriodOnceAtItsFirstOccurrence() {
        List<String> reasons = PeakPeriodRule.check(List.of(BUSINESS_HOURS, NIGHTLY_RUN), at("2026-06-08T00:00:00Z"),
                at("2026-06-12T00:00:00Z"));

        assertThat(reasons).hasSize(2);
        assertThat(reasons.get(0)).contains("Mon 2026-06-08 07:00");
        assertThat(reasons.get(1)).contains("Mon 2026-06-08 01:00");
    }

    @Test
    void noPeakPeriodsNoProblems() {
        assertThat(PeakPeriodRule.check(List.of(), at("2026-06-10T10:00:00Z"), at("2026-06-10T12:00:00Z"))).isEmpty();
        assertThat(PeakPeriodRule.check(null, at("2026-06-10T10:00:00Z"), at("2026-06-10T12:00:00Z"))).isEmpty();
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
