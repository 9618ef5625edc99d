package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.model.Json;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a plain-HTTP watch is sent, from the request's query to the lines of the stream. */
class WatchEventsTest {

    private static final AttributeSet WEB_V1 = attributes("kind", "pods", "namespace", "demo", "app", "web");
    private static final AttributeSet WEB_V2 = attributes("kind", "pods", "namespace", "demo", "app", "api");

    @Test
    void aChangeIsAddedModifiedOrDeletedAsTheWatchSawTheObjectBeforeAndAfter() {
        AttributeSet webPods = attributes("kind", "pods", "app", "web");
        WatchEvents.Change relabel = new WatchEvents.Change(7, WEB_V1, WEB_V2, "{}");

        assertThat(new WatchEvents.Change(5, null, WEB_V1, "{}").typeFor(webPods))
                .isEqualTo("ADDED");
        assertThat(new WatchEvents.Change(6, WEB_V1, WEB_V1, "{}").typeFor(webPods))
                .isEqualTo("MODIFIED");
        assertThat(relabel.typeFor(webPods)).as("its labels stop matching").isEqualTo("DELETED");
        assertThat(relabel.typeFor(attributes("kind", "pods", "app", "api"))).isEqualTo("ADDED");
        assertThat(new WatchEvents.Change(8, WEB_V2, null, "{}").typeFor(webPods))
                .isNull();
        assertThat(new WatchEvents.Change(9, WEB_V1, null, "{}").typeFor(attributes("kind", "services")))
                .isNull();
    }

    @Test
    void aWatchFromAVersionGetsTheChangesAfterItThenLiveOnes() {
        WatchEvents events = new WatchEvents();
        events.changed(3, null, WEB_V1, "{\"v\":3}");
        events.changed(4, WEB_V1, WEB_V1, "{\"v\":4}");
        events.changed(5, WEB_V1, null, "{\"v\":5}");
        Recorder watch = new Recorder(attributes("kind", "pods"));

        assertThat(events.open(watch, WatchEvents.Start.SINCE, 3, Map.of(), () -> watch.lines.add("START")))
                .isTrue();
        events.changed(6, null, WEB_V2, "{\"v\":6}");
        events.changed(7, null, attributes("kind", "services"), "{\"v\":7}");

        assertThat(watch.lines).containsExactly("MODIFIED {\"v\":4}", "DELETED {\"v\":5}", "START", "ADDED {\"v\":6}");
    }

    @Test
    void aWatchWithoutVersionGetsTheCurrentObjectsItsSelectorMatchesAsAdded() {
        WatchEvents events = new WatchEvents();
        Map<AttributeSet, String> current = new LinkedHashMap<>();
        current.put(WEB_V1, "{\"web\":1}");
        current.put(WEB_V2, "{\"api\":1}");
        Recorder watch = new Recorder(attributes("kind", "pods", "app", "api"));

        events.open(watch, WatchEvents.Start.CURRENT, 0, current, () -> {});

        assertThat(watch.lines).containsExactly("ADDED {\"api\":1}");
        assertThat(events.open()).isEqualTo(1);
        events.close(watch);
        assertThat(events.open()).isZero();
    }

    @Test
    void aVersionOlderThanTheHistoryIsExpiredAndAWatchThatCannotKeepUpIsDropped() {
        WatchEvents events = new WatchEvents();
        for (long v = 1; v <= WatchEvents.MAX_CHANGES + 10; v++) {
            events.changed(v, null, WEB_V1, "{}");
        }
        assertThat(events.historyVersions())
                .hasSize(WatchEvents.MAX_CHANGES)
                .first()
                .isEqualTo(11L);
        assertThat(events.open(new Recorder(WEB_V1), WatchEvents.Start.SINCE, 5, Map.of(), () -> {}))
                .isFalse();

        Recorder gone = new Recorder(WEB_V1);
        events.open(gone, WatchEvents.Start.SINCE, WatchEvents.MAX_CHANGES + 10, Map.of(), () -> {});
        gone.open = false;
        events.changed(WatchEvents.MAX_CHANGES + 11, null, WEB_V1, "{}");
        assertThat(events.open()).isZero();
    }

    @Test
    void theRequestIsReadAsKubectlAndClientGoAskIt() {
        WatchRequest kubectl = WatchRequest.of(
                        "GET",
                        "/api/v1/namespaces/demo/pods?labelSelector=app%3Dweb&resourceVersion=42&watch=true",
                        null)
                .orElseThrow();
        assertThat(kubectl.listPath()).isEqualTo("/api/v1/namespaces/demo/pods?labelSelector=app%3Dweb");
        assertThat(kubectl.resourceVersion()).contains(42L);
        assertThat(kubectl.timeoutSeconds()).isEmpty();

        WatchRequest clientGo = WatchRequest.of(
                        "GET",
                        "/apis/datacenter.dev/v1alpha1/datacenterapps?allowWatchBookmarks=true"
                                + "&fieldSelector=metadata.name%3Dweb&resourceVersion=0&timeoutSeconds=300&watch=1",
                        null)
                .orElseThrow();
        assertThat(clientGo.listPath())
                .isEqualTo("/apis/datacenter.dev/v1alpha1/datacenterapps?fieldSelector=metadata.name%3Dweb");
        assertThat(clientGo.resourceVersion()).as("0: the current objects").isEmpty();
        assertThat(clientGo.timeoutSeconds()).contains(300L);

        assertThat(WatchRequest.of("GET", "/api/v1/watch/namespaces/demo/pods", null))
                .map(WatchRequest::listPath)
                .contains("/api/v1/namespaces/demo/pods");
        assertThat(WatchRequest.of("GET", "/api/v1/watch/namespaces/demo/pods/web-0?labelSelector=a%3Db", null))
                .map(WatchRequest::listPath)
                .as("one object: its collection by name")
                .contains("/api/v1/namespaces/demo/pods?labelSelector=a%3Db&fieldSelector=metadata.name%3Dweb-0");
        assertThat(WatchRequest.of("GET", "/api/v1/pods?watch=true", "websocket"))
                .as("fabric8's WebSocket watches stay fabric8's")
                .isEmpty();
        assertThat(WatchRequest.of("GET", "/api/v1/pods?limit=500", null)).isEmpty();
        assertThat(WatchRequest.of("POST", "/api/v1/namespaces/demo/pods?watch=true", null))
                .isEmpty();
        assertThat(WatchRequest.of("GET", "/api/v1/pods?watch=true&sendInitialEvents=true&resourceVersion=9", null)
                        .map(WatchRequest::initialEvents))
                .isEqualTo(Optional.of(true));
    }

    @Test
    void anEventIsOneLineOfJson() {
        assertThat(HttpWatchStream.line("ADDED", "{\"kind\":\"Pod\"}"))
                .isEqualTo("{\"type\":\"ADDED\",\"object\":{\"kind\":\"Pod\"}}\n");
        assertThat(Json.parse(HttpWatchStream.line("DELETED", "{\"a\":[1,2]}"))
                        .path("object")
                        .path("a")
                        .size())
                .isEqualTo(2);
    }

    @Test
    void aWebSocketWatchFromAVersionIsToldTheDeletionsSinceOfWhatItSelects() {
        WatchEvents events = new WatchEvents(10);
        AttributeSet other = attributes("kind", "pods", "namespace", "other", "app", "web");
        events.changed(5, WEB_V1, null, "{\"gone\":5}");
        events.changed(6, null, WEB_V1, "{\"added\":6}");
        events.changed(8, other, null, "{\"gone\":8}");
        events.changed(9, WEB_V1, WEB_V2, "{\"relabelled\":9}");
        AttributeSet webPods = attributes("kind", "pods", "namespace", "demo", "app", "web");
        assertThat(events.deletedSince(4, webPods))
                .as("deleted, and left the selection by a label change")
                .containsExactly("{\"gone\":5}", "{\"relabelled\":9}");
        assertThat(events.deletedSince(5, webPods)).containsExactly("{\"relabelled\":9}");
        assertThat(events.deletedSince(9, webPods)).isEmpty();
    }

    @Test
    void aWebSocketWatchFromAVersionOlderThanTheHistoryMustStartOver() {
        WatchEvents events = new WatchEvents(2);
        events.changed(3, WEB_V1, null, "{}");
        events.changed(6, null, WEB_V1, "{}");
        assertThat(events.forgotten(1)).isFalse();
        events.changed(7, WEB_V1, null, "{}");
        assertThat(events.forgotten(2)).isTrue();
        assertThat(events.forgotten(3)).isFalse();
        assertThat(events.forgotten(6)).isFalse();
    }

    @Test
    void readsTheResourceVersionAWatchRequestStartsFrom() {
        assertThat(WatchEvents.resourceVersionOf("/api/v1/pods?allowWatchBookmarks=true&resourceVersion=42&watch=true"))
                .hasValue(42);
        assertThat(WatchEvents.resourceVersionOf("/api/v1/pods?resourceVersion=7"))
                .hasValue(7);
        assertThat(WatchEvents.resourceVersionOf("/api/v1/pods?resourceVersion=0&watch=true"))
                .isEmpty();
        assertThat(WatchEvents.resourceVersionOf("/api/v1/pods?watch=true")).isEmpty();
        assertThat(WatchEvents.resourceVersionOf("/api/v1/pods?resourceVersionMatch=x&watch=true"))
                .isEmpty();
    }

    private static AttributeSet attributes(String... keysAndValues) {
        List<Attribute> out = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.add(new Attribute(keysAndValues[i], keysAndValues[i + 1]));
        }
        return new AttributeSet(out.toArray(Attribute[]::new));
    }

    private static final class Recorder implements WatchEvents.Watcher {
        final AttributeSet query;
        final List<String> lines = new ArrayList<>();
        boolean open = true;

        Recorder(AttributeSet query) {
            this.query = query;
        }

        @Override
        public AttributeSet query() {
            return query;
        }

        @Override
        public boolean send(String type, String objectJson) {
            if (!open) {
                return false;
            }
            lines.add(type + " " + objectJson);
            return true;
        }
    }
}
