package dev.datacenter.operator.allocation;

import dev.datacenter.operator.placement.PlacementEngine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * Read-only questions to the engine from other threads (the HTTP API), answered by the allocation loop's
 * thread between two cycles, since the engine is single-threaded. A question that throws fails its own
 * answer, never the loop.
 */
final class EngineQueries {

    private record Query<T>(Function<PlacementEngine, T> question, CompletableFuture<T> answer) {
        void answer(PlacementEngine engine) {
            try {
                answer.complete(question.apply(engine));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        }
    }

    private final ConcurrentLinkedQueue<Query<?>> queue = new ConcurrentLinkedQueue<>();

    /** Queues a question (any thread); the caller should bound its wait for the answer. */
    <T> CompletableFuture<T> ask(Function<PlacementEngine, T> question) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        queue.add(new Query<>(question, answer));
        return answer;
    }

    /** Answers every queued question (the loop's thread only). */
    void answer(PlacementEngine engine) {
        for (Query<?> q; (q = queue.poll()) != null; ) {
            q.answer(engine);
        }
    }

    /** Fails every queued question, e.g. when the loop stops. */
    void failAll(String why) {
        for (Query<?> q; (q = queue.poll()) != null; ) {
            q.answer().completeExceptionally(new IllegalStateException(why));
        }
    }
}
