package dev.datacenter.operator.app;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.model.AppServiceBuilder;
import dev.datacenter.operator.model.Names;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The app's load-balancing Service ({@link AppServiceBuilder}): created, updated (type, ports,
 * selector, labels) or deleted. Remembers what it last wrote per app, so an unchanged app costs no
 * API call (but for a re-check every few minutes).
 */
@ApplicationScoped
public class AppServiceApplier {

    @Inject
    KubernetesClient client;

    /** Unchanged apps are re-checked this often, so a Service deleted by hand comes back. */
    private static final java.time.Duration RECHECK = java.time.Duration.ofMinutes(5);

    private record Written(String fingerprint, java.time.Instant at) {}

    private final Map<String, Written> written = new ConcurrentHashMap<>();

    public void apply(DataCenterApp app) {
        String key = app.getMetadata().getNamespace() + "/" + app.getMetadata().getName();
        Service desired = AppServiceBuilder.build(app);
        String fingerprint = desired == null
                ? "none"
                : client.getKubernetesSerialization().asJson(desired.getSpec())
                        + desired.getMetadata().getLabels();
        Written last = written.get(key);
        java.time.Instant now = java.time.Instant.now();
        if (last != null
                && last.fingerprint().equals(fingerprint)
                && now.isBefore(last.at().plus(RECHECK))) {
            return;
        }
        var services = client.services().inNamespace(app.getMetadata().getNamespace());
        String name = Names.serviceName(app.getMetadata().getName());
        if (desired == null) {
            Service existing = services.withName(name).get();
            if (existing != null && ours(existing)) {
                services.withName(name).delete();
            }
        } else {
            // edit by name: an edit on resource(desired) would diff desired against itself and send nothing
            services.resource(desired)
                    .createOr(existing -> services.withName(name).edit(s -> {
                        s.getMetadata().setLabels(desired.getMetadata().getLabels());
                        s.getSpec().setType(desired.getSpec().getType());
                        s.getSpec().setPorts(desired.getSpec().getPorts());
                        s.getSpec().setSelector(desired.getSpec().getSelector());
                        return s;
                    }));
        }
        written.put(key, new Written(fingerprint, now));
    }

    public void forget(String appKey) {
        written.remove(appKey);
    }

    private static boolean ours(Service s) {
        return s.getMetadata().getLabels() != null
                && Objects.equals(
                        s.getMetadata().getLabels().get(dev.datacenter.operator.api.ApiGroup.LABEL_MANAGED_BY),
                        dev.datacenter.operator.api.ApiGroup.MANAGED_BY);
    }
}
