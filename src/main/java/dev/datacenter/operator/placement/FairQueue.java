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
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(i, parent)) return;
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) return;
            int c = l + 1 < size && less(l + 1, l) ? l + 1 : l;
            if (!less(c, i)) return;
            swap(i, c);
            i = c;
        }
    }

    private void move(int from, int to) {
        keys[to] = keys[from];
        ranks[to] = ranks[from];
        items[to] = items[from];
    }

    private void swap(int a, int b) {
        double k = keys[a];
        keys[a] = keys[b];
        keys[b] = k;
        int r = ranks[a];
        ranks[a] = ranks[b];
        ranks[b] = r;
        Object o = items[a];
        items[a] = items[b];
        items[b] = o;
    }

    private void grow() {
        int n = keys.length * 2;
        keys = java.util.Arrays.copyOf(keys, n);
        ranks = java.util.Arrays.copyOf(ranks, n);
        items = java.util.Arrays.copyOf(items, n);
    }
}
