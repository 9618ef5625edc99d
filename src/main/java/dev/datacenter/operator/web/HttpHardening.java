package dev.datacenter.operator.web;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every response of the HTTP port (the API, the dashboard, {@code /q/health}, {@code /q/metrics}, and
 * 404s) carries {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY} and a
 * Content-Security-Policy that lets the dashboard load its own script, style and data and nothing else
 * (no inline script or style, no frames, no other origin). The port serves reads only: any method but
 * GET and HEAD is answered 405 with {@code Allow: GET, HEAD}, on every path, before routing (so the
 * dashboard's static files answer 405 too, not 404). Dev mode keeps other methods for the Dev UI.
 */
@ApplicationScoped
public class HttpHardening {
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";
    public static final String ALLOW = "GET, HEAD";

    void register(@Observes Filters filters) {
        boolean dev = LaunchMode.current() == LaunchMode.DEVELOPMENT;
        filters.register(
                rc -> {
                    HttpServerResponse response = rc.response();
                    response.putHeader("X-Content-Type-Options", "nosniff");
                    response.putHeader("X-Frame-Options", "DENY");
                    response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                    HttpMethod method = rc.request().method();
                    if (!dev && method != HttpMethod.GET && method != HttpMethod.HEAD) {
                        response.setStatusCode(405).putHeader("Allow", ALLOW).end();
                        return;
                    }
                    rc.next();
                },
                // before every route, so no handler ever sees a write
                Integer.MAX_VALUE - 1);
    }
}
