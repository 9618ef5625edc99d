package dev.datacenter.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A share of the cluster (a Mesos role): weighted DRF, guarantees, limits and reservations. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("rpool")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "Weight", jsonPath = ".spec.weight", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Nodes", jsonPath = ".status.nodes", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "CPU", jsonPath = ".status.cpu", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Mem", jsonPath = ".status.mem", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Share", jsonPath = ".status.dominantShare", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(
        name = "Pending",
        jsonPath = ".status.pendingInstances",
        type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class ResourcePool extends CustomResource<ResourcePoolSpec, ResourcePoolStatus> {}
