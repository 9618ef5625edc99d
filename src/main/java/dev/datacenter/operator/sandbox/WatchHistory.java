package dev.datacenter.operator.sandbox;

import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deletions a watch from an older resource version must still be told of. fabric8's mock server starts
 * every watch "now" and replays the objects that exist as ADDED, whatever resourceVersion the watch asks
 * for: a deletion between an informer's list and its watch (or while a watch reconnects) reached no one, and
 * that informer kept the deleted object for good. A real API server sends every event after the watch's
 * resourceVersion, or 410 Gone when it no longer has them; so does the sandbox for deletions, from this
 * bounded record (the newest {@code capacity} deletions, each with a resource version of its own).
 * Thread-safe.
 */
final class WatchHistory {
    private static final Pattern RESOURCE_VERSION = Pattern.compile("[?&]resourceVersion=(\\d+)(?:&|$)");

    /** One deletion: the resource version it was given, the object's attributes and its last stored JSON. */
    record Deletion(long resourceVersion, AttributeSet attributes, String object) {}

    private final int capacity;
    private final Deque<Deletion> deletions = new ArrayDeque<>();
    private long forgottenUpTo;

    WatchHistory(int capacity) {
        this.capacity = capacity;
    }

    synchronized void deleted(long resourceVersion, AttributeSet attributes, String object) {
        deletions.addLast(new Deletion(resourceVersion, attributes, object));
        while (deletions.size() > capacity) {
            forgottenUpTo = Math.max(forgottenUpTo, deletions.removeFirst().resourceVersion());
        }
    }

    /** Whether a deletion after {@code resourceVersion} was forgotten: such a watch must start over (410). */
    synchronized boolean forgotten(long resourceVersion) {
        return resourceVersion < forgottenUpTo;
    }

    /** The deletions after {@code resourceVersion} of objects the watch's {@code query} selects, oldest first. */
    synchronized List<Deletion> since(long resourceVersion, AttributeSet query) {
        List<Deletion> out = new ArrayList<>();
        for (Deletion d : deletions) {
            if (d.resourceVersion() > resourceVersion && d.attributes().matches(query)) {
                out.add(d);
            }
        }
        return out;
    }

    /** The resourceVersion a watch request starts from; empty without one, or with 0 ("any": no history). */
    static OptionalLong resourceVersion(String path) {
        Matcher m = RESOURCE_VERSION.matcher(path);
        if (!m.find()) {
            return OptionalLong.empty();
        }
        try {
            long version = Long.parseLong(m.group(1));
            return version > 0 ? OptionalLong.of(version) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
