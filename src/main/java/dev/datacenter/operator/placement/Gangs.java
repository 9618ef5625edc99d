package dev.datacenter.operator.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Gangs: apps sharing {@link AppSpec#gang()} whose waiting instances are placed all together in one turn or
 * not at all (every instance assumed in turn, all rolled back when one finds no node), and only once the
 * gang's {@link AppSpec#gangSize()} instances are all known.
 */
final class Gangs {

    /** The reason of the app-level note on a gang that can never fit. */
    static final String CANNOT_FIT = "GangCannotFit";

    private Gangs() {}

    /** The member apps of the app's gang, by key (the app alone when it has no gang). */
    static List<AppState> members(EngineState state, AppState a) {
        if (a.spec().gang() == null) return List.of(a);
        List<AppState> out = new ArrayList<>();
        for (String key : state.gangs().getOrDefault(a.spec().gang(), new TreeSet<>())) {
            AppState m = state.apps().get(key);
            if (m != null) out.add(m);
        }
        return out;
    }

    /** Instances of the gang known to the engine: placed, assumed or waiting. */
    static int known(List<AppState> members) {
        int n = 0;
        for (AppState m : members) n += m.instances().size() + m.waiting().size();
        return n;
    }

    /** The resources the whole gang asks for, counting {@code gangSize} instances. */
    static Resources demand(List<AppState> members, int gangSize) {
        Resources sum = Resources.ZERO;
        int counted = 0;
        for (AppState m : members) {
            int n = m.instances().size() + m.waiting().size();
            for (int i = 0; i < n; i++) sum = sum.plus(m.spec().resources());
            counted += n;
        }
        Resources per =
                members.isEmpty() ? Resources.ZERO : members.get(0).spec().resources();
        for (int i = counted; i < gangSize; i++) sum = sum.plus(per);
        return sum;
    }

    /**
     * Why the gang can never be placed as it is (it asks for more than its pool's limit, or than the pool's
     * nodes have in all), or why it waits for members; empty otherwise or when the app has no gang.
     */
    static Optional<AppError> problem(EngineState state, AppState a) {
        if (a.spec().gang() == null || a.pool() == null || !a.pool().declared()) return Optional.empty();
        List<AppState> members = members(state, a);
        int known = known(members);
        if (known < a.spec().gangSize()) {
            return Optional.of(new AppError(
                    "GangIncomplete",
                    "gang " + a.spec().gang() + " waits for its members: " + known + " of "
                            + a.spec().gangSize() + " pods exist"));
        }
        Resources need = demand(members, a.spec().gangSize());
        if (!need.fitsUnder(Resources.ZERO, a.pool().spec().limit())) {
            return Optional.of(new AppError(
                    CANNOT_FIT,
                    "gang " + a.spec().gang() + " of " + a.spec().gangSize() + " pods needs " + describe(need)
                            + " in all, more than the limit of pool " + a.pool().name()));
        }
        if (!need.fitsIn(a.pool().group().capacity())) {
            return Optional.of(new AppError(
                    CANNOT_FIT,
                    "gang " + a.spec().gang() + " of " + a.spec().gangSize() + " pods needs " + describe(need)
                            + " in all, more than the nodes of pool " + a.pool().name() + " have ("
                            + describe(a.pool().group().capacity()) + ")"));
        }
        return Optional.empty();
    }

    static String describe(Resources r) {
        StringBuilder sb = new StringBuilder();
        sb.append("cpus ")
                .append(r.cpus())
                .append("m, mem ")
                .append(r.mem() >> 20)
                .append("Mi");
        if (r.gpus() > 0) sb.append(", gpus ").append(r.gpus());
        return sb.toString();
    }
}
