package dev.datacenter.operator.validation;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * An exact Kubernetes quantity, as the API server's CEL {@code quantity()} sees it: a signed decimal
 * number with an optional binary suffix (Ki..Ei), decimal suffix (n, u, m, k, M..E) or exponent
 * (e3, E-2). Only what the CEL rules of our CRDs need: parsing, sign and comparison.
 */
public record KubernetesQuantity(String text, BigDecimal value) implements Comparable<KubernetesQuantity> {

    private static final java.util.regex.Pattern SYNTAX = java.util.regex.Pattern.compile(
            "^([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$");

    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("n", new BigDecimal("1e-9")),
            Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")),
            Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")),
            Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", BigDecimal.valueOf(2).pow(10)),
            Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
            Map.entry("Gi", BigDecimal.valueOf(2).pow(30)),
            Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
            Map.entry("Pi", BigDecimal.valueOf(2).pow(50)),
            Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));

    /** The quantity {@code text} denotes, or empty when it is not a Kubernetes quantity. */
    public static Optional<KubernetesQuantity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
        String suffix = m.group(2) == null ? "" : m.group(2);
        BigDecimal value;
        if (suffix.startsWith("e") || suffix.startsWith("E")) {
            value = number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
        } else {
            value = number.multiply(SUFFIXES.get(suffix));
        }
        return Optional.of(new KubernetesQuantity(text, value));
    }

    public int sign() {
        return value.signum();
    }

    @Override
    public int compareTo(KubernetesQuantity other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return text;
    }
}
