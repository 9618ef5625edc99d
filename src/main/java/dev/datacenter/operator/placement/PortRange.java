package dev.datacenter.operator.placement;

/** An inclusive range of host ports a node hands out as dynamic ports (annotation {@code datacenter.dev/port-range}). */
public record PortRange(int low, int high) {

    /** The default range when a node has no annotation: 31000-32000. */
    public static final PortRange DEFAULT = new PortRange(31000, 32000);

    public PortRange {
        if (low < 1 || high > 65535 || low > high) {
            throw new IllegalArgumentException("invalid port range " + low + "-" + high);
        }
    }

    /**
     * Parses {@code "a-b"} (whitespace tolerated). Returns {@link #DEFAULT} for null or blank input.
     *
     * @throws IllegalArgumentException when the text is not a valid range within 1-65535
     */
    public static PortRange parse(String text) {
        if (text == null || text.isBlank()) return DEFAULT;
        String[] parts = text.trim().split("-");
        if (parts.length != 2) throw new IllegalArgumentException("invalid port range '" + text + "', expected a-b");
        try {
            return new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port range '" + text + "', expected a-b", e);
        }
    }

    public int size() {
        return high - low + 1;
    }

    public boolean contains(int port) {
        return port >= low && port <= high;
    }
}
