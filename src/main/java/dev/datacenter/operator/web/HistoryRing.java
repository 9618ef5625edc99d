package dev.datacenter.operator.web;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed-capacity ring of the newest samples: adding to a full ring overwrites the oldest. Thread-safe.
 */
public final class HistoryRing<T> {

    private final Object[] slots;
    private int next;
    private int size;

    public HistoryRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.slots = new Object[capacity];
    }

    public int capacity() {
        return slots.length;
    }

    public synchronized int size() {
        return size;
    }

    public synchronized void add(T sample) {
        if (sample == null) {
            throw new IllegalArgumentException("sample must not be null");
        }
        slots[next] = sample;
        next = (next + 1) % slots.length;
        size = Math.min(size + 1, slots.length);
    }

    /** The newest sample, or null when the ring is empty. */
    @SuppressWarnings("unchecked")
    public synchronized T newest() {
        return size == 0 ? null : (T) slots[(next - 1 + slots.length) % slots.length];
    }

    /** The samples held, oldest first. */
    @SuppressWarnings("unchecked")
    public synchronized List<T> snapshot() {
        List<T> out = new ArrayList<>(size);
        int start = (next - size + slots.length) % slots.length;
        for (int i = 0; i < size; i++) {
            out.add((T) slots[(start + i) % slots.length]);
        }
        return out;
    }

    public synchronized void clear() {
        java.util.Arrays.fill(slots, null);
        next = 0;
        size = 0;
    }
}
