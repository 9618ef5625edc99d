package dev.datacenter.operator.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic names and label values for the objects the operator creates, kept within
 * Kubernetes' length limits: a name that is too long keeps a readable prefix and ends with a hash of
 * the whole name, so two long names that share a prefix still differ.
 */
public final class Names {
    /** Longest label value, DNS label (Service name, pod hostname). */
    public static final int LABEL_MAX = 63;
    /** Longest DNS subdomain (most object names). */
    public static final int SUBDOMAIN_MAX = 253;
    /** Consonants and digits only, as Kubernetes' own name suffixes: no words, no ambiguous 0/o, 1/l. */
    private static final char[] ALPHABET = "bcdfghjkmnpqrstvwxz2456789".toCharArray();

    private static final int FIT_HASH = 8;

    private Names() {}

    /**
     * A stable hash of {@code text}: {@code length} characters of SHA-256 in a lowercase alphabet of
     * consonants and digits.
     */
    public static String hash(String text, int length) {
        byte[] digest = sha256(text);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET[(digest[i % digest.length] & 0xff) % ALPHABET.length]);
        }
        return out.toString();
    }

    /**
     * {@code name} itself when it has at most {@code max} characters; otherwise a prefix of it, cut
     * at a letter or digit, then {@code -} and an 8-character hash of the whole name ({@code max}
     * characters at most).
     */
    public static String fit(String name, int max) {
        if (name.length() <= max) {
            return name;
        }
        String prefix = trimTail(name.substring(0, Math.max(0, max - FIT_HASH - 1)));
        return prefix.isEmpty() ? hash(name, Math.min(FIT_HASH, max)) : prefix + "-" + hash(name, FIT_HASH);
    }

    /** The value of the {@code datacenter.dev/app} label for an app (its name, fitted to 63 characters). */
    public static String appLabel(String appName) {
        return fit(appName, LABEL_MAX);
    }

    /**
     * The instance id {@code <app>-<ordinal>}, at most 63 characters: a long app name is shortened
     * (with a hash) but the ordinal always stays at the end.
     */
    public static String instanceId(String appName, int ordinal) {
        String suffix = "-" + ordinal;
        return fit(appName, LABEL_MAX - suffix.length()) + suffix;
    }

    /**
     * The pod name of an instance: {@code <app>-<ordinal>-<revision>-<5 hash chars>}, at most 63
     * characters (a long app name is shortened with a hash). The hash covers app, ordinal, revision
     * and node, so the same instance relaunched on another node gets another name while the old pod
     * may still exist (node loss); relaunched on the same node, the old pod must be gone first.
     */
    public static String podName(String appName, int ordinal, long revision, String node) {
        String suffix =
                "-" + ordinal + "-" + revision + "-" + hash(appName + "/" + ordinal + "/" + revision + "/" + node, 5);
        return fit(appName, LABEL_MAX - suffix.length()) + suffix;
    }

    /** Characters of the hash that tells claim names of different (set, app) pairs apart. */
    public static final int CLAIM_HASH = 6;

    /**
     * The PVC name of claim {@code ordinal} of a claim set for an app:
     * {@code <set>-<app>-<hash>-<ordinal>}, where the hash covers {@code <set>/<app>}. Names and apps may
     * both contain '-', so {@code <set>-<app>} alone is ambiguous (set {@code a} with app {@code b-c} and
     * set {@code a-b} with app {@code c}); '/' appears in neither, so the hash of {@code <set>/<app>}
     * differs for such pairs. The name stays a DNS-1123 subdomain of at most 253 characters (a long
     * prefix is shortened with a hash of its own); the ordinal always ends it. Ownership is never
     * decided by this name: claims are found by their labels and owner reference.
     */
    public static String claimName(String claimSet, String appName, int ordinal) {
        String suffix = "-" + hash(claimSet + "/" + appName, CLAIM_HASH) + "-" + ordinal;
        return fit(claimSet + "-" + appName, SUBDOMAIN_MAX - suffix.length()) + suffix;
    }

    /**
     * The name claims had before 0.2 ({@code <set>-<app>-<ordinal>}): ambiguous, so only ever used to
     * say what a claim found by its labels was called, never to find one.
     */
    public static String legacyClaimName(String claimSet, String appName, int ordinal) {
        String suffix = "-" + ordinal;
        return fit(claimSet + "-" + appName, SUBDOMAIN_MAX - suffix.length()) + suffix;
    }

    /** The ControllerRevision name {@code <app>-<hash>}. */
    public static String revisionName(String appName, String templateHash) {
        String suffix = "-" + templateHash;
        return fit(appName, SUBDOMAIN_MAX - suffix.length()) + suffix;
    }

    /**
     * The Service name of an app: the app name when it is a valid DNS-1035 label (letters, digits and
     * '-', starting with a letter, 63 characters at most); otherwise a valid label derived from it
     * ('.' becomes '-', a leading digit gets the prefix {@code app-}, long names get a hash).
     */
    public static String serviceName(String appName) {
        if (appName.matches("[a-z]([-a-z0-9]{0,61}[a-z0-9])?")) {
            return appName;
        }
        String label = appName.replace('.', '-');
        if (!Character.isLetter(label.charAt(0))) {
            label = "app-" + label;
        }
        String suffix = "-" + hash(appName, FIT_HASH);
        return trimTail(label.substring(0, Math.min(label.length(), LABEL_MAX - suffix.length()))) + suffix;
    }

    /**
     * The label value of a group path: {@code /demo/frontend} becomes {@code demo.frontend} (labels
     * cannot hold '/'), fitted to 63 characters. The exact path goes in an annotation.
     */
    public static String groupLabel(String groupPath) {
        String dotted = groupPath.startsWith("/") ? groupPath.substring(1) : groupPath;
        return fit(dotted.replace('/', '.'), LABEL_MAX);
    }

    private static String trimTail(String s) {
        int end = s.length();
        while (end > 0 && !Character.isLetterOrDigit(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
