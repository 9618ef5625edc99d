package dev.datacenter.operator.inventory;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Kubernetes quantities as whole numbers of a unit (millicores, bytes), without ever throwing: an
 * amount that does not parse, is negative, or is beyond {@link #MAX} is a problem the caller reports
 * ({@link #problem}), and reads as 0 or {@link #MAX} where a number must be given anyway.
 */
public final class QuantityAmounts {
    /** 2^53: far beyond any node (8 PiB of memory, 9 * 10^12 cores), and no sum of such overflows a long. */
    public static final long MAX = 1L << 53;

    private static final BigDecimal MAX_DECIMAL = BigDecimal.valueOf(MAX);

    private QuantityAmounts() {}

    /** The amount times {@code scale}, rounded; 0 when absent or unreadable, {@link #MAX} when above it. */
    public static long whole(Quantity q, long scale, RoundingMode rounding) {
        if (q == null) {
            return 0;
        }
        Optional<BigDecimal> amount = amount(q);
        if (amount.isEmpty() || amount.get().signum() <= 0) {
            return 0;
        }
        BigDecimal scaled = amount.get().multiply(BigDecimal.valueOf(scale));
        if (tooLarge(scaled)) {
            return MAX;
        }
        return scaled.setScale(0, rounding).longValue();
    }

    /**
     * What is wrong with a quantity a user wrote in {@code field}, or empty: it does not parse, it is
     * negative, or times {@code scale} it is above {@link #MAX}.
     */
    public static Optional<String> problem(String field, Quantity q, long scale) {
        if (q == null) {
            return Optional.empty();
        }
        Optional<BigDecimal> amount = amount(q);
        if (amount.isEmpty()) {
            return Optional.of(field + ": \"" + q + "\" is not a Kubernetes quantity");
        }
        if (amount.get().signum() < 0) {
            return Optional.of(field + ": \"" + q + "\" is negative");
        }
        if (tooLarge(amount.get().multiply(BigDecimal.valueOf(scale)))) {
            return Optional.of(field + ": \"" + q + "\" is out of range");
        }
        return Optional.empty();
    }

    private static Optional<BigDecimal> amount(Quantity q) {
        try {
            return Optional.of(Quantity.getAmountInBytes(q));
        } catch (RuntimeException e) { // NumberFormatException, IllegalArgumentException, ArithmeticException
            return Optional.empty();
        }
    }

    /** Compares by digits before rounding: 1e999999999 is never expanded. */
    private static boolean tooLarge(BigDecimal d) {
        if (d.precision() - d.scale() > 19) {
            return true;
        }
        return d.compareTo(MAX_DECIMAL) > 0;
    }
}
