package dev.datacenter.operator.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A watch asked over plain HTTP, as kubectl and client-go ask it: {@code GET <collection>?watch=true} (or
 * {@code watch=1}, or the old {@code /api/v1/watch/...} path), with {@code resourceVersion}, {@code timeoutSeconds},
 * {@code sendInitialEvents}, and the selectors the list takes. A watch on one object's path watches its collection
 * with a {@code metadata.name} field selector.
 *
 * @param listPath        the collection's path with the selectors ({@code labelSelector}, {@code fieldSelector}),
 *                        as the CRUD server reads a list
 * @param resourceVersion the version to watch from; empty for none (or "0": the current objects first)
 * @param timeoutSeconds  close the stream after this long; empty for never
 * @param initialEvents   {@code sendInitialEvents=true}: the current objects as ADDED, then a BOOKMARK that says
 *                        they are all sent
 */
record WatchRequest(
        String listPath, Optional<Long> resourceVersion, Optional<Long> timeoutSeconds, boolean initialEvents) {

    private static final Pattern OLD_WATCH_PATH = Pattern.compile("^(/api/v1|/apis/[^/]+/[^/]+)/watch/(.*)$");

    /** The watch the request asks for, or empty when it is no plain-HTTP watch. */
    static Optional<WatchRequest> of(String method, String uri, String upgradeHeader) {
        if (!"GET".equals(method)
                || upgradeHeader != null && upgradeHeader.toLowerCase().contains("websocket")) {
            return Optional.empty();
        }
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);
        Map<String, String> params = params(query);
        Matcher old = OLD_WATCH_PATH.matcher(path);
        boolean watch = "true".equals(params.get("watch")) || "1".equals(params.get("watch"));
        if (old.matches()) {
            path = old.group(1) + "/" + old.group(2);
            watch = true;
        }
        if (!watch) {
            return Optional.empty();
        }
        Optional<ApiPath> target = ApiPath.parse(path);
        if (target.isPresent() && target.get().name() != null && target.get().subresource() == null) {
            // one object's path: its collection, by name
            String byName = "metadata.name=" + target.get().name();
            String fields = params.get("fieldSelector");
            params.put("fieldSelector", fields == null || fields.isEmpty() ? byName : fields + "," + byName);
            path = new ApiPath(
                            target.get().group(),
                            target.get().version(),
                            target.get().namespace(),
                            target.get().resource(),
                            null,
                            null)
                    .objectPath();
        }
        StringBuilder list = new StringBuilder(path);
        String sep = "?";
        for (String selector : new String[] {"labelSelector", "fieldSelector"}) {
            String value = params.get(selector);
            if (value != null && !value.isEmpty()) {
                list.append(sep)
                        .append(selector)
                        .append('=')
                        .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
                sep = "&";
            }
        }
        Optional<Long> version = number(params.get("resourceVersion")).filter(v -> v > 0);
        boolean initial = "true".equals(params.get("sendInitialEvents"));
        return Optional.of(new WatchRequest(
                list.toString(),
                initial ? Optional.empty() : version,
                number(params.get("timeoutSeconds")).filter(t -> t > 0),
                initial));
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new HashMap<>();
        if (query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }

    private static Optional<Long> number(String s) {
        if (s == null || s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
