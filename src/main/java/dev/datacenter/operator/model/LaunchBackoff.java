package dev.datacenter.operator.model;

import dev.datacenter.operator.api.Backoff;
import dev.datacenter.operator.api.LaunchDelay;
import java.time.Duration;
import java.time.Instant;

/**
 * Marathon's launch backoff, per app (not per node: a relaunch elsewhere still waits).
 *
 * <p>Formula: after {@code n >= 1} consecutive failures, launches wait
 * {@code delay(n) = min(maxLaunchDelaySeconds, seconds × factor^(n-1))} from the last failure: the
 * first failure waits {@code seconds}, each further one multiplies by {@code factor} (1, 1.15, 1.3225,
 * ... with the defaults), capped. With no failure there is no delay. ("seconds × factor^failures"
 * in the api Javadoc counts the failures before the newest one.)
 *
 * <p>What counts: a failure, or a kill for failing health checks; never a kill the operator asked
 * for (scale-down, rollout, node-loss expunge). The caller decides and calls {@link #onFailure}.
 *
 * <p>Reset, as Marathon did: on a new revision (a failure of another revision starts again at 1),
 * and after a quiet period: when no failure came for {@code delay(n) + maxLaunchDelaySeconds} after
 * the last one (i.e. {@code maxLaunchDelaySeconds} after the delay ran out), the next failure counts
 * as the first again.
 */
public final class LaunchBackoff {
    private final double seconds;
    private final double factor;
    private final double maxSeconds;

    /** The backoff of an app's {@code backoff} field (null: the defaults 1 s, 1.15, 300 s). */
    public LaunchBackoff(Backoff backoff) {
        this.seconds = SpecDefaults.backoffSeconds(backoff);
        this.factor = SpecDefaults.backoffFactor(backoff);
        this.maxSeconds = SpecDefaults.maxLaunchDelaySeconds(backoff);
    }

    /**
     * The failure history of an app: {@code failures} consecutive failures (0 = none), the newest at
     * {@code lastFailure}, of revision {@code revision}.
     */
    public record State(int failures, Instant lastFailure, long revision) {
        /** No failure yet. */
        public static State none() {
            return new State(0, null, 0);
        }
    }

    /** {@code min(max, seconds × factor^(failures-1))} in seconds; 0 with no failure. */
    public double delaySeconds(int failures) {
        if (failures <= 0) {
            return 0;
        }
        double delay = seconds * Math.pow(factor, failures - 1);
        return Double.isFinite(delay) ? Math.min(maxSeconds, delay) : maxSeconds;
    }

    /** The state after a failure at {@code now} of an instance of revision {@code revision}. */
    public State onFailure(State state, Instant now, long revision) {
        if (state.failures() <= 0 || state.revision() != revision || quietPeriodOver(state, now)) {
            return new State(1, now, revision);
        }
        return new State(state.failures() + 1, now, revision);
    }

    /**
     * The state to use at {@code now} for revision {@code currentRevision}: {@link State#none()} when
     * the revision changed or the quiet period is over, else {@code state}.
     */
    public State current(State state, Instant now, long currentRevision) {
        if (state.failures() <= 0 || state.revision() != currentRevision || quietPeriodOver(state, now)) {
            return State.none();
        }
        return state;
    }

    /** When launches may resume: last failure + delay; null with no failure. */
    public Instant untilTime(State state) {
        if (state.failures() <= 0 || state.lastFailure() == null) {
            return null;
        }
        return state.lastFailure().plus(toDuration(delaySeconds(state.failures())));
    }

    /** True while the backoff holds launches of revision {@code currentRevision} back at {@code now}. */
    public boolean holds(State state, Instant now, long currentRevision) {
        State s = current(state, now, currentRevision);
        Instant until = untilTime(s);
        return until != null && now.isBefore(until);
    }

    /**
     * {@code status.delay} at {@code now}: {@code {untilTime, currentSeconds}} while the backoff holds
     * launches back, null otherwise (the field is then removed from status).
     */
    public LaunchDelay status(State state, Instant now, long currentRevision) {
        if (!holds(state, now, currentRevision)) {
            return null;
        }
        LaunchDelay delay = new LaunchDelay();
        delay.setUntilTime(untilTime(state).toString());
        delay.setCurrentSeconds(delaySeconds(state.failures()));
        return delay;
    }

    private boolean quietPeriodOver(State state, Instant now) {
        if (state.lastFailure() == null) {
            return true;
        }
        Instant quietUntil = state.lastFailure().plus(toDuration(delaySeconds(state.failures()) + maxSeconds));
        return !now.isBefore(quietUntil);
    }

    private static Duration toDuration(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1_000_000_000d));
    }
}
