package dev.datacenter.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Per-instance persistent volumes, as Marathon resident apps and Mesos persistent volumes were. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("pvcset")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "Claims", jsonPath = ".status.claimCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Pinned", jsonPath = ".status.pinnedCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Lost", jsonPath = ".status.lostCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class PersistentVolumeClaimSet
        extends CustomResource<PersistentVolumeClaimSetSpec, PersistentVolumeClaimSetStatus> implements Namespaced {

    @Override
    @Required
    public PersistentVolumeClaimSetSpec getSpec() {
        return super.getSpec();
    }
}
