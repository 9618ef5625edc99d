package dev.datacenter.operator.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Ages as kubectl shows them: {@code 45s}, {@code 3m12s}, {@code 17m}, {@code 5h3m}, {@code 30h}, {@code 3d4h}, {@code 12d}. */
final class HumanDuration {

    private HumanDuration() {}

    static String since(String timestamp) {
        try {
            return of(Duration.between(Instant.parse(timestamp), Instant.now()));
        } catch (DateTimeParseException e) {
            return "<unknown>";
        }
    }

    static String of(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long m = s / 60;
        long h = m / 60;
        if (s < 120) {
            return s + "s";
        }
        if (m < 10) {
            return s % 60 == 0 ? m + "m" : m + "m" + s % 60 + "s";
        }
        if (m < 180) {
            return m + "m";
        }
        if (h < 8) {
            return m % 60 == 0 ? h + "h" : h + "h" + m % 60 + "m";
        }
        if (h < 48) {
            return h + "h";
        }
        if (h < 192) {
            return h % 24 == 0 ? h / 24 + "d" : h / 24 + "d" + h % 24 + "h";
        }
        return h / 24 + "d";
    }
}
