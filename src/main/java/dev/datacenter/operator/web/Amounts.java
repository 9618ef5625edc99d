package dev.datacenter.operator.web;

import dev.datacenter.operator.api.AppResources;
import dev.datacenter.operator.api.ResourceAmounts;
import dev.datacenter.operator.inventory.EngineInputs;
import dev.datacenter.operator.placement.Resources;

/** Resource vectors in the API's units: cpus in cores, mem and disk in bytes, gpus a count. */
final class Amounts {
    private Amounts() {}

    /** The engine's vector (millicores); an unlimited component (a pool limit left open) reads as 0. */
    static ResourcesView of(Resources r) {
        return new ResourcesView(
                bounded(r.cpus()) / 1000.0, bounded(r.mem()), (int) bounded(r.gpus()), bounded(r.disk()));
    }

    /** A ResourcePool's guarantee or limit; null when the spec sets none. */
    static ResourcesView of(ResourceAmounts a) {
        if (a == null) {
            return null;
        }
        return new ResourcesView(
                EngineInputs.millicores(a.getCpus()) / 1000.0,
                EngineInputs.bytes(a.getMem()),
                a.getGpus() == null ? 0 : a.getGpus(),
                EngineInputs.bytes(a.getDisk()));
    }

    /** What one instance of an app asks for. */
    static ResourcesView of(AppResources r) {
        return of(EngineInputs.resources(r));
    }

    /** A sum of views with its cpus back on whole millicores (summing decimals leaves 152.70000000000002). */
    static ResourcesView rounded(ResourcesView r) {
        return new ResourcesView(Math.round(r.cpus() * 1000) / 1000.0, r.mem(), r.gpus(), r.disk());
    }

    private static long bounded(long v) {
        return v == Long.MAX_VALUE ? 0 : v;
    }
}
