package dev.datacenter.bench;

import java.util.function.Supplier;

/** The engine under test. */
final class Ours {
    private Ours() {}

    static Supplier<Placer> placer() {
        return OursPlacer::new;
    }
}
