package dev.datacenter.operator.testsupport;

import dev.datacenter.operator.cluster.ApiErrors;
import java.util.function.Supplier;

/**
 * A test's own edit of an object the operator writes too (status, labels) may meet a 409 between its read
 * and its write, as kubectl would: read again and retry, as a user does.
 */
public final class Conflicts {
    private Conflicts() {}

    public static <T> T retrying(Supplier<T> edit) {
        for (int attempt = 1; ; attempt++) {
            try {
                return edit.get();
            } catch (RuntimeException e) {
                if (!ApiErrors.isConflict(e) || attempt == 20) {
                    throw e;
                }
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
