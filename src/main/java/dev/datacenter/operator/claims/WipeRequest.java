package dev.datacenter.operator.claims;

import java.util.Optional;

/** The value of a {@code datacenter.dev/wipe} annotation. Pure. */
public final class WipeRequest {
    private WipeRequest() {}

    /**
     * The ordinal an annotation value names: a whole number written plainly ({@code "1"}, {@code " 1 "});
     * empty for anything else ({@code "-1"}, {@code "+1"}, {@code "01"}, {@code "1.0"}, {@code "abc"}, a
     * number too large for an ordinal).
     */
    public static Optional<Integer> ordinal(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (!trimmed.matches("0|[1-9][0-9]{0,8}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(trimmed));
    }
}
