package dev.datacenter.operator.sandbox;

import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store's changes for watches served over plain HTTP ({@link HttpWatchStream}): every change the CRUD
 * dispatcher makes, with the resource version it was made at, kept in a bounded history so that a watch from a
 * list's {@code resourceVersion} gets what changed after it, and handed to the open watches whose query matches.
 *
 * <p>A change is matched as fabric8 matches its WebSocket watches: a watch that matched the object before and
 * after gets {@code MODIFIED}, before only {@code DELETED}, after only {@code ADDED} (an object whose labels stop
 * matching a selector is deleted from that watch's view, as a real API server does).
 *
 * <p>Thread-safety: the dispatcher changes its store and records the change while holding this object's monitor
 * ({@link #lock()}); a watch is opened under the same monitor, so it sees each change exactly once, either in its
 * start (history or current objects) or as a live event.
 */
final class WatchEvents {

    /** One open watch. */
    interface Watcher {
        /** The attributes (kind, namespace, name, labels, fields) objects must match. */
        AttributeSet query();

        /**
         * An event for this watch; called under the monitor, so it must not block.
         *
         * @return false when the watch is gone (its client left or cannot keep up): it is dropped
         */
        boolean send(String type, String objectJson);
    }

    /** One change of the store: before and after attributes (null for a create and a delete) and the object. */
    record Change(long resourceVersion, AttributeSet before, AttributeSet after, String object) {
        /** The event a watch with that query sees, or null when the change is none of its business. */
        String typeFor(AttributeSet query) {
            boolean matchedBefore = before != null && before.matches(query);
            boolean matchesAfter = after != null && after.matches(query);
            if (matchedBefore && matchesAfter) {
                return "MODIFIED";
            }
            if (matchedBefore) {
                return "DELETED";
            }
            return matchesAfter ? "ADDED" : null;
        }
    }

    /** What a watch start asks for; see {@link #open}. */
    enum Start {
        /** No resource version (or "0"), or sendInitialEvents: every current object as ADDED, then live events. */
        CURRENT,
        /** A resource version: the changes after it from the history, then live events. */
        SINCE
    }

    static final int MAX_CHANGES = 4096;
    static final long MAX_CHARS = 16L << 20;

    private final int capacity;
    private final ArrayDeque<Change> history = new ArrayDeque<>();
    private long historyChars;
    /** The resource version of the newest change the history no longer holds (0: none dropped). */
    private long droppedUpTo;

    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();

    WatchEvents() {
        this(MAX_CHANGES);
    }

    /** A record of the newest {@code capacity} changes (and at most {@link #MAX_CHARS} of their objects). */
    WatchEvents(int capacity) {
        this.capacity = capacity;
    }

    /** The monitor the store's changes and the watch starts share. */
    Object lock() {
        return this;
    }

    /** Records one change and hands it to the matching watches. Call holding {@link #lock()}. */
    void changed(long resourceVersion, AttributeSet before, AttributeSet after, String object) {
        Change change = new Change(resourceVersion, before, after, object);
        history.addLast(change);
        historyChars += object.length();
        while (history.size() > capacity || historyChars > MAX_CHARS && history.size() > 1) {
            Change dropped = history.removeFirst();
            historyChars -= dropped.object().length();
            droppedUpTo = Math.max(droppedUpTo, dropped.resourceVersion());
        }
        if (watchers.isEmpty()) {
            return;
        }
        for (Iterator<Watcher> it = watchers.iterator(); it.hasNext(); ) {
            Watcher w = it.next();
            String type = change.typeFor(w.query());
            if (type != null && !w.send(type, object)) {
                it.remove();
            }
        }
    }

    /**
     * Opens a watch: sends what it asks for first, then registers it for live events, atomically with respect to
     * the store's changes.
     *
     * @param current    the stored objects by attributes, read under the monitor (for {@link Start#CURRENT})
     * @param afterStart run after the start's events and before any live one (the initial-events bookmark)
     * @return false when the history no longer reaches back to {@code since} (the watch should get 410 Expired)
     */
    synchronized boolean open(
            Watcher watcher, Start start, long since, Map<AttributeSet, String> current, Runnable afterStart) {
        if (start == Start.SINCE) {
            if (since < droppedUpTo) {
                return false;
            }
            for (Change c : history) {
                if (c.resourceVersion() > since) {
                    String type = c.typeFor(watcher.query());
                    if (type != null && !watcher.send(type, c.object())) {
                        return true;
                    }
                }
            }
        } else {
            for (Map.Entry<AttributeSet, String> e : current.entrySet()) {
                if (e.getKey().matches(watcher.query()) && !watcher.send("ADDED", e.getValue())) {
                    return true;
                }
            }
        }
        afterStart.run();
        watchers.add(watcher);
        return true;
    }

    /**
     * Whether changes after {@code since} were dropped from the history: a watch from that version cannot be told
     * everything since and must start over (410).
     */
    synchronized boolean forgotten(long since) {
        return since < droppedUpTo;
    }

    /**
     * The objects a watch with that query saw deleted (or leave its selection) after {@code since}, oldest first, as
     * last stored: what a WebSocket watch from that version is told before fabric8's replay of what exists.
     */
    synchronized List<String> deletedSince(long since, AttributeSet query) {
        List<String> out = new ArrayList<>();
        for (Change c : history) {
            if (c.resourceVersion() > since && "DELETED".equals(c.typeFor(query))) {
                out.add(c.object());
            }
        }
        return out;
    }

    /** The resourceVersion a watch request's path starts from; empty without one, or with 0 ("any": no history). */
    static OptionalLong resourceVersionOf(String path) {
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

    private static final Pattern RESOURCE_VERSION = Pattern.compile("[?&]resourceVersion=(\\d+)(?:&|$)");

    /** The watch ended (its client went away, or its time ran out). */
    void close(Watcher watcher) {
        watchers.remove(watcher);
    }

    /** How many watches are open (for tests and the log). */
    int open() {
        return watchers.size();
    }

    /** The resource versions the history holds, oldest first (for tests). */
    synchronized List<Long> historyVersions() {
        List<Long> out = new ArrayList<>();
        history.forEach(c -> out.add(c.resourceVersion()));
        return out;
    }
}
