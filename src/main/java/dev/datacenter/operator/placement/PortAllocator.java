package dev.datacenter.operator.placement;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The host ports in use on one node, and assignment of dynamic ports from the node's range. */
final class PortAllocator {

    private final BitSet used = new BitSet();
    private final Map<Integer, Integer> holders = new HashMap<>();
    private PortRange range;
    private int usedInRange;

    PortAllocator(PortRange range) {
        this.range = range;
    }

    void setRange(PortRange newRange) {
        range = newRange;
        usedInRange = used.get(newRange.low(), newRange.high() + 1).cardinality();
    }

    PortRange range() {
        return range;
    }

    void hold(List<Integer> ports) {
        for (int p : ports) {
            if (p <= 0) continue;
            if (holders.merge(p, 1, Integer::sum) == 1) {
                used.set(p);
                if (range.contains(p)) usedInRange++;
            }
        }
    }

    void release(List<Integer> ports) {
        for (int p : ports) {
            if (p <= 0) continue;
            Integer n = holders.get(p);
            if (n == null) continue;
            if (n == 1) {
                holders.remove(p);
                used.clear(p);
                if (range.contains(p)) usedInRange--;
            } else {
                holders.put(p, n - 1);
            }
        }
    }

    boolean isUsed(int port) {
        return used.get(port);
    }

    int freeInRange() {
        return range.size() - usedInRange;
    }

    /** Whether the request (0 = dynamic, >0 = fixed; fixed ports distinct) can be satisfied here. */
    boolean canAssign(int[] requested) {
        int dynamic = 0;
        int fixedInRange = 0;
        for (int p : requested) {
            if (p == 0) {
                dynamic++;
            } else {
                if (used.get(p)) return false;
                if (range.contains(p)) fixedInRange++;
            }
        }
        return dynamic == 0 || dynamic <= freeInRange() - fixedInRange;
    }

    /** Assigns host ports (lowest free dynamic ports of the range first); call only after {@link #canAssign}. */
    List<Integer> assign(int[] requested) {
        List<Integer> out = new ArrayList<>(requested.length);
        int cursor = range.low();
        for (int p : requested) {
            if (p > 0) {
                out.add(p);
                continue;
            }
            cursor = used.nextClearBit(cursor);
            while (contains(requested, cursor) || cursor > range.high()) {
                if (cursor > range.high()) throw new IllegalStateException("no free port in range " + range);
                cursor = used.nextClearBit(cursor + 1);
            }
            out.add(cursor);
            cursor++;
        }
        return List.copyOf(out);
    }

    private static boolean contains(int[] ports, int port) {
        for (int p : ports) if (p == port) return true;
        return false;
    }
}
