package dev.datacenter.operator.cluster;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.datacenter.operator.runtime.ReadinessVerdict;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real informers against an API server that answers 500 for one kind's list (every other list is
 * empty): that informer never syncs, is reported with its error, and readiness says so. An HTTP server
 * of the JDK on a free port: no mock semantics involved.
 */
class InformerListFailureTest {
    private static final String EMPTY_LIST =
            "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"1\"},\"items\":[]}";
    private static final String FAILURE = "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\","
            + "\"message\":\"etcd is unavailable\",\"reason\":\"InternalError\",\"code\":500}";

    private final CountDownLatch stopping = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private HttpServer server;
    private KubernetesClient client;
    private InformerCache informers;

    @BeforeEach
    void anApiServerThatCannotListPools() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::answer);
        server.start();
        client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder()
                        .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort())
                        .withRequestRetryBackoffLimit(0)
                        .build())
                .build();
        informers = new InformerCache();
        informers.client = client;
        informers.undecodable = new UndecodableObjects();
        informers.resyncPeriod = Duration.ofMinutes(10);
    }

    @AfterEach
    void stop() {
        informers.stop();
        stopping.countDown();
        client.close();
        server.stop(0);
        threads.shutdownNow();
    }

    @Test
    void theKindThatCannotListIsReportedWithItsErrorAndReadinessSaysSo() {
        informers.start();

        await(
                "the ResourcePool informer reports its list error",
                () -> informers.problems().stream()
                        .anyMatch(p -> p.informer().equals("ResourcePool") && p.error() != null));

        assertThat(informers.hasSynced()).isFalse();
        assertThat(informers.synced()).isNotDone();
        InformerCache.InformerProblem pools = informers.problems().stream()
                .filter(p -> p.informer().equals("ResourcePool"))
                .findFirst()
                .orElseThrow();
        assertThat(pools.error()).contains("500", "etcd is unavailable");
        ReadinessVerdict verdict = ReadinessVerdict.of(new ReadinessVerdict.Inputs(
                informers.hasSynced(),
                informers.problems(),
                true,
                true,
                "self",
                Instant.now(),
                Duration.ofSeconds(30)));
        assertThat(verdict.ready()).isFalse();
        assertThat((String) verdict.data().get("informersFailing")).contains("ResourcePool for", "etcd is unavailable");
        assertThat((String) verdict.data().get("reason")).contains("have not listed every kind");
    }

    private void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        boolean watch = query != null && query.contains("watch=true");
        if (exchange.getRequestURI().getPath().endsWith("/resourcepools")) {
            send(exchange, 500, FAILURE);
        } else if (watch) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try {
                stopping.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        } else {
            send(exchange, 200, EMPTY_LIST);
        }
    }

    private static void send(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
