package dev.datacenter.operator.isolation;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** GETs a URL of the application under test. */
final class Health {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Health() {}

    static HttpResponse<String> get(URL url) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(url.toString())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
