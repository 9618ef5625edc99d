package dev.datacenter.operator.model;

import java.util.Objects;

/**
 * A DataCenterApp's identity: namespace and name. Its {@link #engineKey()} ({@code namespace/name}) is the
 * key the placement engine, the allocation loop and the meters use for the app; {@link #parse} reads it
 * back. The one place that spells the format.
 */
public record AppKey(String namespace, String name) {

    public AppKey {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** The engine's key of the app, {@code namespace/name} (a namespace holds no slash). */
    public String engineKey() {
        return namespace + "/" + name;
    }

    /** The app of an engine key made by {@link #engineKey()}. */
    public static AppKey parse(String engineKey) {
        int slash = engineKey.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an app key: " + engineKey);
        }
        return new AppKey(engineKey.substring(0, slash), engineKey.substring(slash + 1));
    }

    /** The engine key of the app {@code name} in {@code namespace}. */
    public static String engineKey(String namespace, String name) {
        return new AppKey(namespace, name).engineKey();
    }

    @Override
    public String toString() {
        return engineKey();
    }
}
