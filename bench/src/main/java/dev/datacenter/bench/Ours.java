package dev.datacenter.bench;

import java.util.function.Supplier;

/** The engine under test, or null while it is not there yet. */
final class Ours {
    private Ours() {}

    static Supplier<Placer> placer() {
        return null;
    }
}
