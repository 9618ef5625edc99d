/**
 * The three custom resources of {@code datacenter.dev/v1alpha1}: their specs, statuses, enumerations,
 * condition reasons and the decline-reason enum. The CRDs in {@code crds/} are generated from these
 * classes at build time; the schema annotations here are what the API server validates.
 * Imports the fabric8 model only.
 */
package dev.datacenter.operator.api;
