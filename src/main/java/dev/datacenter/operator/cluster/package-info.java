/**
 * The narrow port to the Kubernetes API: informers and their read-only cache, status writes, leader
 * election on a Lease. Everything else reads the cluster through {@link dev.datacenter.operator.cluster.ClusterCache}
 * and learns of changes through {@link dev.datacenter.operator.cluster.ClusterChangeListener}.
 */
package dev.datacenter.operator.cluster;
