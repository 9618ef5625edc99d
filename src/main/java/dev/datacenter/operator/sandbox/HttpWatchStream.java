package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datacenter.operator.model.Json;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One watch served over plain HTTP, as a real API server serves {@code GET ...?watch=true}: status 200, then a
 * chunked body of one JSON event per line, {@code {"type":"ADDED","object":{...}}}, kept open and written as the
 * store changes, until {@code timeoutSeconds} runs out or the client goes away. Asked with
 * {@code Accept: application/json;as=Table;...} (kubectl), each event's object is a {@code Table} of that one
 * object, with the columns the list gets.
 */
final class HttpWatchStream implements WatchEvents.Watcher {
    private static final Logger LOG = Logger.getLogger(HttpWatchStream.class);

    private final HttpServerResponse response;
    private final AttributeSet query;
    private final Optional<List<TableColumn>> table;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Runnable onClose = () -> {};

    private HttpWatchStream(HttpServerResponse response, AttributeSet query, Optional<List<TableColumn>> table) {
        this.response = response;
        this.query = query;
        this.table = table;
    }

    /** Serves the watch on the request's response: answers, sends the start, and keeps the stream open. */
    static void serve(Vertx vertx, HttpServerRequest request, WatchRequest watch, SandboxDispatcher dispatcher) {
        Optional<ApiPath> target = ApiPath.parse(watch.listPath());
        HttpServerResponse response = request.response();
        if (target.isEmpty() || target.get().name() != null) {
            response.setStatusCode(404)
                    .putHeader("Content-Type", "application/json")
                    .end(Json.canonical(SandboxDispatcher.statusBody(
                            404, "NotFound", "the server could not find the requested resource")));
            return;
        }
        Optional<List<TableColumn>> table = TablePrinter.wantsTable(request.getHeader("Accept"))
                ? dispatcher.tableColumns(target.get())
                : Optional.empty();
        HttpWatchStream stream = new HttpWatchStream(response, dispatcher.query(watch.listPath()), table);
        response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json");
        response.writeHead(); // a client waits for the headers before it reads events
        long timer = watch.timeoutSeconds()
                .map(s -> vertx.setTimer(s * 1000, id -> stream.close()))
                .orElse(-1L);
        stream.onClose = () -> {
            dispatcher.closeWatch(stream);
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
        };
        response.closeHandler(v -> stream.close());
        response.exceptionHandler(e -> stream.close());
        if (!dispatcher.openWatch(watch, stream)) {
            stream.sendLine(line(
                    "ERROR",
                    Json.canonical(SandboxDispatcher.statusBody(
                            410,
                            "Expired",
                            "too old resource version: "
                                    + watch.resourceVersion().orElse(0L)))));
            stream.close();
        }
    }

    @Override
    public AttributeSet query() {
        return query;
    }

    @Override
    public boolean send(String type, String objectJson) {
        if (closed.get()) {
            return false;
        }
        String object = table.map(columns -> tableOf(objectJson, columns)).orElse(objectJson);
        return sendLine(line(type, object));
    }

    /** Sends a BOOKMARK that the initial events are all sent ({@code sendInitialEvents}). */
    void initialEventsEnd(String kind, String apiVersion, long resourceVersion) {
        ObjectNode bookmark = Json.MAPPER.createObjectNode();
        bookmark.put("kind", kind).put("apiVersion", apiVersion);
        ObjectNode metadata = bookmark.putObject("metadata");
        metadata.put("resourceVersion", String.valueOf(resourceVersion));
        metadata.putObject("annotations").put("k8s.io/initial-events-end", "true");
        sendLine(line("BOOKMARK", Json.canonical(bookmark)));
    }

    private boolean sendLine(String line) {
        if (closed.get()) {
            return false;
        }
        if (response.writeQueueFull()) {
            // a real API server drops a watcher that cannot keep up; the client lists and watches again
            LOG.debugf("closing a plain-HTTP watch whose client does not keep up");
            close();
            return false;
        }
        response.write(line);
        return true;
    }

    /** Ends the stream (idempotent) and drops the watch. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
            try {
                response.end();
            } catch (IllegalStateException e) {
                // the connection is gone already
            }
        }
    }

    /** One watch event, as a line of the stream. */
    static String line(String type, String objectJson) {
        return "{\"type\":\"" + type + "\",\"object\":" + objectJson + "}\n";
    }

    private static String tableOf(String objectJson, List<TableColumn> columns) {
        return Json.canonical(TablePrinter.table(Json.parse(objectJson), columns));
    }
}
