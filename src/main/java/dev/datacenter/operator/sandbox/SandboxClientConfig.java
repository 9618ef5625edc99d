package dev.datacenter.operator.sandbox;

import io.fabric8.kubernetes.client.Config;
import io.quarkus.kubernetes.client.KubernetesConfigCustomizer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Points the application's {@code KubernetesClient} bean at the sandbox when it is enabled.
 * <p>
 * quarkus-kubernetes-client fixes its {@code quarkus.kubernetes-client.*} properties at build time, so a
 * runtime {@code -Ddatacenter.sandbox.enabled=true} cannot work through them; instead this customizer, which
 * quarkus-kubernetes-client applies to the client's {@link Config} when the client bean is first created, sets
 * the API URL to {@code http://127.0.0.1:<datacenter.sandbox.api-port>}, drops any credentials picked up from
 * the user's kubeconfig (a real cluster's token must never be sent elsewhere) and uses the namespace
 * {@code default} unless {@code quarkus.kubernetes-client.namespace} says otherwise. Disabled, it changes
 * nothing.
 */
@Singleton
public class SandboxClientConfig implements KubernetesConfigCustomizer {

    @Inject
    SandboxConfig sandbox;

    @ConfigProperty(name = "quarkus.kubernetes-client.namespace")
    Optional<String> namespace;

    @Override
    public void customize(Config config) {
        if (!sandbox.enabled()) {
            return;
        }
        config.setMasterUrl(SandboxApiServer.url(sandbox.apiPort()));
        config.setNamespace(namespace.orElse("default"));
        config.setTrustCerts(true);
        config.setOauthToken(null);
        config.setAutoOAuthToken(null);
        config.setOauthTokenProvider(null);
        config.setAuthProvider(null);
        config.setUsername(null);
        config.setPassword(null);
        config.setClientCertFile(null);
        config.setClientCertData(null);
        config.setClientKeyFile(null);
        config.setClientKeyData(null);
        config.setImpersonateUsername(null);
    }
}
