package dev.datacenter.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Small helpers for medians and number formatting. */
public final class Stats {
    private Stats() {}

    public static double median(List<Double> xs) {
        if (xs.isEmpty()) return Double.NaN;
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        int m = a.length / 2;
        return a.length % 2 == 1 ? a[m] : (a[m - 1] + a[m]) / 2;
    }

    public static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    public static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** ms with a precision that suits its size. */
    public static String ms(double ms) {
        if (Double.isNaN(ms)) return "n/a";
        if (ms >= 100) return String.format(Locale.ROOT, "%,.0f", ms);
        if (ms >= 10) return String.format(Locale.ROOT, "%.1f", ms);
        if (ms >= 0.1) return String.format(Locale.ROOT, "%.2f", ms);
        return String.format(Locale.ROOT, "%.4f", ms);
    }

    public static String num(double x, int decimals) {
        if (Double.isNaN(x)) return "n/a";
        return String.format(Locale.ROOT, "%,." + decimals + "f", x);
    }

    public static String count(long x) {
        return String.format(Locale.ROOT, "%,d", x);
    }
}
