package dev.datacenter.operator.api;

/** The type of the load-balancing Service. */
public enum ServiceType {
    ClusterIP,
    NodePort,
    LoadBalancer
}
