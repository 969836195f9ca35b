package io.upgradeorchestrator.action;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tiny language of {@link SqlCheckSpec#expectation()}: {@code <subject> <operator> <literal>}.
 * <ul>
 *   <li>subject {@code rows}: the number of rows returned; {@code value}: the first column of the first row
 *       (no row at all fails the check).</li>
 *   <li>operators {@code = != > >= < <=}.</li>
 *   <li>literal: a number (compared numerically, so {@code 16.40 = 16.4}), text in single quotes or bare
 *       (compared as text with {@code =} and {@code !=} only), or {@code null}.</li>
 * </ul>
 */
record SqlExpectation(String subject, String operator, String literal) {

    private static final Pattern SYNTAX = Pattern.compile("\\s*(rows|value)\\s*(!=|>=|<=|=|>|<)\\s*(.+?)\\s*");

    static SqlExpectation parse(String expectation) {
        Matcher matcher = SYNTAX.matcher(expectation == null ? "" : expectation);
        if (!matcher.matches()) {
            throw new InvalidActionException("SQL expectation '" + expectation
                    + "' is not of the form 'rows > 0', 'value = 16.4', 'value >= 1', \"value != 'x'\" or 'value = null'");
        }
        String literal = matcher.group(3);
        boolean quoted = literal.length() >= 2 && literal.startsWith("'") && literal.endsWith("'");
        SqlExpectation parsed = new SqlExpectation(matcher.group(1), matcher.group(2),
                quoted ? literal.substring(1, literal.length() - 1) : literal);
        boolean ordering = !parsed.operator.equals("=") && !parsed.operator.equals("!=");
        if (ordering && (quoted || number(parsed.literal) == null)) {
            throw new InvalidActionException("SQL expectation '" + expectation + "': " + parsed.operator
                    + " needs a number");
        }
        if (parsed.subject.equals("rows") && number(parsed.literal) == null) {
            throw new InvalidActionException("SQL expectation '" + expectation + "': rows compare with a number");
        }
        return parsed;
    }

    boolean isMetBy(Object actual) {
        if (literal.equals("null")) {
            boolean isNull = actual == null;
            return operator.equals("=") ? isNull : operator.equals("!=") && !isNull;
        }
        if (actual == null) {
            return operator.equals("!=");
        }
        BigDecimal expectedNumber = number(literal);
        BigDecimal actualNumber = number(actual.toString().trim());
        if (expectedNumber != null && actualNumber != null) {
            int comparison = actualNumber.compareTo(expectedNumber);
            return switch (operator) {
                case "=" -> comparison == 0;
                case "!=" -> comparison != 0;
                case ">" -> comparison > 0;
                case ">=" -> comparison >= 0;
                case "<" -> comparison < 0;
                default -> comparison <= 0;
            };
        }
        boolean equal = Objects.equals(actual.toString(), literal);
        return switch (operator) {
            case "=" -> equal;
            case "!=" -> !equal;
            default -> false; // ordering against text that is not a number
        };
    }

    @Override
    public String toString() {
        return subject + " " + operator + " " + literal;
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
