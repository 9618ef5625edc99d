/**
 * Validation of custom resources against their CRD as a Kubernetes API server does it: defaults,
 * pruning, the OpenAPI schema and the {@code x-kubernetes-validations} CEL rules, with the server's
 * messages. Used by the sandbox's API server and by the tests of the CRDs. Imports Jackson, the
 * networknt JSON-schema validator and CEL-Java only.
 */
package dev.datacenter.operator.validation;
