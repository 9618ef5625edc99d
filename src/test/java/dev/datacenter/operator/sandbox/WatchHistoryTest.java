package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WatchHistoryTest {

    private static AttributeSet pod(String namespace, String name) {
        return new AttributeSet(
                new Attribute("kind", "Pod"), new Attribute("namespace", namespace), new Attribute("name", name));
    }

    @Test
    void tellsTheDeletionsAfterTheVersionOfTheObjectsTheWatchSelects() {
        WatchHistory history = new WatchHistory(10);
        history.deleted(5, pod("a", "p1"), "{}");
        history.deleted(8, pod("b", "p2"), "{}");
        history.deleted(9, pod("a", "p3"), "{}");
        AttributeSet podsOfA = new AttributeSet(new Attribute("kind", "Pod"), new Attribute("namespace", "a"));
        assertThat(history.since(5, podsOfA))
                .extracting(WatchHistory.Deletion::resourceVersion)
                .containsExactly(9L);
        assertThat(history.since(4, podsOfA))
                .extracting(WatchHistory.Deletion::resourceVersion)
                .containsExactly(5L, 9L);
        assertThat(history.since(9, podsOfA)).isEmpty();
    }

    @Test
    void aVersionOlderThanAForgottenDeletionMustStartOver() {
        WatchHistory history = new WatchHistory(2);
        history.deleted(3, pod("a", "p1"), "{}");
        history.deleted(6, pod("a", "p2"), "{}");
        assertThat(history.forgotten(1)).isFalse();
        history.deleted(7, pod("a", "p3"), "{}");
        assertThat(history.forgotten(2)).isTrue();
        assertThat(history.forgotten(3)).isFalse();
        assertThat(history.forgotten(6)).isFalse();
    }

    @Test
    void readsTheResourceVersionOfAWatchRequest() {
        assertThat(WatchHistory.resourceVersion("/api/v1/pods?allowWatchBookmarks=true&resourceVersion=42&watch=true"))
                .isEqualTo(OptionalLong.of(42));
        assertThat(WatchHistory.resourceVersion("/api/v1/pods?resourceVersion=7"))
                .isEqualTo(OptionalLong.of(7));
        assertThat(WatchHistory.resourceVersion("/api/v1/pods?resourceVersion=0&watch=true"))
                .isEmpty();
        assertThat(WatchHistory.resourceVersion("/api/v1/pods?watch=true")).isEmpty();
        assertThat(WatchHistory.resourceVersion("/api/v1/pods?resourceVersionMatch=x&watch=true"))
                .isEmpty();
    }
}
