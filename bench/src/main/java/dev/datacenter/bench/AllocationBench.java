package dev.datacenter.bench;

/** Scenarios 2 and 3: allocation cycles of the engine (ours only). */
final class AllocationBench {
    private AllocationBench() {}

    static void run(boolean quick, long seed) {
        Bench.log("allocation scenarios: engine API not available yet");
    }
}
