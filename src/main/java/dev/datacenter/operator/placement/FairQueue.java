package dev.datacenter.operator.placement;

/**
 * A min-heap for DRF turns ordered by (share, rank), the rank being the position by name: it keeps the keys
 * in primitive arrays so that a turn costs a few array reads, not a chase through scattered objects.
 */
final class FairQueue<T> {

    private double[] keys = new double[16];
    private int[] ranks = new int[16];
    private Object[] items = new Object[16];
    private int size;

    void add(T item, double key, int rank) {
        if (size == keys.length) grow();
        int i = size++;
        keys[i] = key;
        ranks[i] = rank;
        items[i] = item;
        siftUp(i);
    }

    @SuppressWarnings("unchecked")
    T poll() {
        if (size == 0) return null;
        T top = (T) items[0];
        size--;
        if (size > 0) {
            move(size, 0);
            siftDown(0);
        }
        items[size] = null;
        return top;
    }

    boolean isEmpty() {
        return size == 0;
    }

    private boolean less(int i, int j) {
        return keys[i] < keys[j] || (keys[i] == keys[j] && ranks[i] < ranks[j]);
    }

    private void siftUp(int i) {
        double k = keys[i];
        int r = ranks[i];
        Object item = items[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!(k < keys[parent] || (k == keys[parent] && r < ranks[parent]))) break;
            move(parent, i);
            i = parent;
        }
        keys[i] = k;
        ranks[i] = r;
        items[i] = item;
    }

    private void siftDown(int i) {
        double k = keys[i];
        int r = ranks[i];
        Object item = items[i];
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) break;
            if (c + 1 < size && less(c + 1, c)) c++;
            if (!(keys[c] < k || (keys[c] == k && ranks[c] < r))) break;
            move(c, i);
            i = c;
        }
        keys[i] = k;
        ranks[i] = r;
        items[i] = item;
    }

    private void move(int from, int to) {
        keys[to] = keys[from];
        ranks[to] = ranks[from];
        items[to] = items[from];
    }

    private void grow() {
        int n = keys.length * 2;
        keys = java.util.Arrays.copyOf(keys, n);
        ranks = java.util.Arrays.copyOf(ranks, n);
        items = java.util.Arrays.copyOf(items, n);
    }
}
