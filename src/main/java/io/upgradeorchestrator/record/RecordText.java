package io.upgradeorchestrator.record;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a recorded value reads on the record's page: instants as dates ("Sat 13 Feb 2027, 06:00 UTC"), ISO durations
 * in days, hours and minutes ("2 days 4 h"), codes in words ({@code ROLLED_BACK} → "Rolled back"). The JSON record
 * keeps the values as they are, for programs.
 */
public final class RecordText {

    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z");
    private static final Pattern DURATION = Pattern.compile("P(?:\\d+[YMWD])*(?:T(?:\\d+(?:\\.\\d+)?[HMS])+)?");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*");

    /** The value as a person reads it; {@code null} stays {@code null} (the page says "not recorded"). */
    public String of(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        if (!(value instanceof String)) {
            return text;
        }
        if (INSTANT.matcher(text).matches()) {
            try {
                return READABLE.format(Instant.parse(text));
            } catch (DateTimeParseException e) {
                return text;
            }
        }
        if (text.length() > 1 && DURATION.matcher(text).matches()) {
            return duration(text);
        }
        if (text.length() > 1 && CODE.matcher(text).matches() && text.chars().anyMatch(Character::isLetter)) {
            String words = text.replace('_', ' ').toLowerCase(Locale.ROOT);
            return Character.toUpperCase(words.charAt(0)) + words.substring(1);
        }
        return text;
    }

    private static String duration(String iso) {
        try {
            int time = iso.indexOf('T');
            Period period = time == 1 ? Period.ZERO : Period.parse(time < 0 ? iso : iso.substring(0, time));
            Duration duration = time < 0 ? Duration.ZERO : Duration.parse("PT" + iso.substring(time + 1));
            List<String> parts = new ArrayList<>();
            add(parts, period.getYears(), "year");
            add(parts, period.getMonths(), "month");
            add(parts, period.getDays() + (int) duration.toDays(), "day");
            if (duration.toHoursPart() > 0) {
                parts.add(duration.toHoursPart() + " h");
            }
            if (duration.toMinutesPart() > 0) {
                parts.add(duration.toMinutesPart() + " min");
            }
            if (duration.toSecondsPart() > 0) {
                parts.add(duration.toSecondsPart() + " s");
            }
            return parts.isEmpty() ? "none" : String.join(" ", parts);
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    private static void add(List<String> parts, int count, String unit) {
        if (count > 0) {
            parts.add(count + " " + unit + (count == 1 ? "" : "s"));
        }
    }
}
