package dev.datacenter.operator.placement;

/**
 * How many running instances of an app preemption may take without breaking its
 * {@code minimumHealthCapacity}: of {@code instances}, at least {@code ceil(instances * minimumHealthCapacity)}
 * must stay ready, so at most {@code instances - ceil(instances * minimumHealthCapacity)} may be down in
 * total, those already down (not ready) included.
 */
public final class DisruptionBudget {

    private DisruptionBudget() {}

    /**
     * @param instances             the app's desired instance count
     * @param minimumHealthCapacity in [0, 1]
     * @param ready                 instances ready now
     * @return how many more instances may be taken now, at least 0
     */
    public static int allowed(int instances, double minimumHealthCapacity, int ready) {
        if (instances <= 0) return 0;
        double mhc = Math.max(0, Math.min(1, minimumHealthCapacity));
        // a tiny epsilon so that 3 * (2/3.0) counts as 2, not 3
        int mustStay = (int) Math.ceil(instances * mhc - 1e-9);
        int mayBeDown = instances - mustStay;
        int down = Math.max(0, instances - Math.max(0, ready));
        return Math.max(0, mayBeDown - down);
    }
}
