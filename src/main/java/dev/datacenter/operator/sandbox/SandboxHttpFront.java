package dev.datacenter.operator.sandbox;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.HttpServerRequestHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox API's listening socket. fabric8's mock web server answers each request with one whole response and
 * serves watches over WebSocket only; kubectl, client-go and every client but fabric8's watch with a plain
 * {@code GET ...?watch=true} answered by a stream that stays open. This server, on the sandbox's port, serves
 * those watches itself ({@link HttpWatchStream}) and hands every other request, WebSocket upgrades included, to
 * fabric8's own request handler in front of the same {@link SandboxDispatcher}, exactly as the mock web server
 * would (same options: HTTP/1.1 and cleartext HTTP/2, the exec WebSocket sub-protocols, 100-continue).
 */
final class SandboxHttpFront implements AutoCloseable {

    private static final List<String> WEBSOCKET_SUB_PROTOCOLS =
            List.of("v1.channel.k8s.io", "v2.channel.k8s.io", "v3.channel.k8s.io", "v4.channel.k8s.io");

    private final Vertx vertx = Vertx.vertx();
    private final SandboxDispatcher dispatcher;
    private HttpServer server;

    SandboxHttpFront(SandboxDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Listens on {@code host}:{@code port} ({@code 0}: a free port); returns the port. */
    int start(String host, int port) {
        HttpServerRequestHandler fabric8 = new HttpServerRequestHandler(vertx) {
            @Override
            protected MockResponse onHttpRequest(RecordedRequest request) {
                return dispatcher.dispatch(request);
            }
        };
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
                .setWebSocketSubProtocols(WEBSOCKET_SUB_PROTOCOLS)
                .setHandle100ContinueAutomatically(true)
                .setHttp2ClearTextEnabled(true);
        server = vertx.createHttpServer(options).requestHandler(request -> route(request, fabric8));
        server = await(server.listen(), "cannot listen on " + host + ":" + port);
        return server.actualPort();
    }

    private void route(HttpServerRequest request, HttpServerRequestHandler fabric8) {
        Optional<WatchRequest> watch =
                WatchRequest.of(request.method().name(), request.uri(), request.getHeader("Upgrade"));
        if (watch.isPresent()) {
            HttpWatchStream.serve(vertx, request, watch.get(), dispatcher);
        } else {
            fabric8.handle(request);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            await(server.close(), "cannot close the sandbox API's socket");
        }
        await(vertx.close(), "cannot stop the sandbox API's event loop");
    }

    private static <T> T await(Future<T> future, String message) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(message, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(message + ": " + e.getMessage(), e);
        }
    }
}
