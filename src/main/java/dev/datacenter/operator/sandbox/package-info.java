/**
 * The embedded sandbox: an in-process Kubernetes API (fabric8's mock server in CRUD mode, with the
 * fixes kubectl needs), simulated nodes read from a file, a simulated kubelet, and the manifests applied
 * at start. Started before the operator when {@code datacenter.sandbox.enabled=true}; may import
 * anything, and nothing in the operator imports it.
 */
package dev.datacenter.operator.sandbox;
