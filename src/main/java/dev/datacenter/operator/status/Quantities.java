package dev.datacenter.operator.status;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Millicores and bytes as Kubernetes quantities: exact for status fields ({@code 500m}, {@code 12},
 * {@code 24Gi}), and rounded to one decimal for the printer columns ({@code 12/48}, {@code 1.5Gi/96Gi}).
 */
public final class Quantities {
    private static final String[] BINARY = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    private Quantities() {}

    /** Exact cpu quantity: whole cores without a suffix, else millicores. */
    public static Quantity cpus(long millicores) {
        return new Quantity(millicores % 1000 == 0 ? String.valueOf(millicores / 1000) : millicores + "m");
    }

    /** Exact byte quantity in the largest binary unit that divides it. */
    public static Quantity bytes(long bytes) {
        long value = bytes;
        int unit = -1;
        while (value != 0 && value % 1024 == 0 && unit < BINARY.length - 1) {
            value /= 1024;
            unit++;
        }
        return new Quantity(unit < 0 ? String.valueOf(value) : value + BINARY[unit]);
    }

    /** Cores for a printer column: {@code 12}, {@code 0.5}. */
    public static String cpusShort(long millicores) {
        return trim(BigDecimal.valueOf(millicores).divide(BigDecimal.valueOf(1000), 1, RoundingMode.HALF_UP));
    }

    /** Bytes for a printer column, in the largest binary unit it reaches: {@code 24Gi}, {@code 1.5Gi}, {@code 512Mi}. */
    public static String bytesShort(long bytes) {
        if (bytes < 1024) {
            return String.valueOf(bytes);
        }
        int unit = 0;
        BigDecimal scale = BigDecimal.valueOf(1024);
        while (unit < BINARY.length - 1 && bytes >= scale.longValue() * 1024) {
            scale = scale.multiply(BigDecimal.valueOf(1024));
            unit++;
        }
        return trim(BigDecimal.valueOf(bytes).divide(scale, 1, RoundingMode.HALF_UP)) + BINARY[unit];
    }

    private static String trim(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }
}
