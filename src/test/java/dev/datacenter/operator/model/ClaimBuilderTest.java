package dev.datacenter.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.api.PersistentVolumeClaimSetSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

class ClaimBuilderTest {

    private static PersistentVolumeClaimSet set() {
        PersistentVolumeClaimSet set = new PersistentVolumeClaimSet();
        set.setMetadata(new ObjectMetaBuilder()
                .withName("data")
                .withNamespace("demo")
                .withUid("uid-set")
                .build());
        PersistentVolumeClaimSetSpec spec = new PersistentVolumeClaimSetSpec();
        spec.setTemplate(new PersistentVolumeClaimSpecBuilder()
                .withStorageClassName("local-path")
                .withAccessModes("ReadWriteOnce")
                .withNewResources()
                .addToRequests("storage", new Quantity("10Gi"))
                .endResources()
                .build());
        set.setSpec(spec);
        return set;
    }

    @Test
    void claimIsNamedLabelledAndOwnedByTheSet() {
        PersistentVolumeClaim pvc = ClaimBuilder.build(set(), "postgres", 2);
        assertThat(pvc.getMetadata().getName())
                .matches("data-postgres-[a-z0-9]{6}-2")
                .isEqualTo(ClaimBuilder.name("data", "postgres", 2));
        assertThat(pvc.getMetadata().getNamespace()).isEqualTo("demo");
        assertThat(pvc.getMetadata().getLabels())
                .containsEntry("datacenter.dev/claim-set", "data")
                .containsEntry("datacenter.dev/app", "postgres")
                .containsEntry("datacenter.dev/ordinal", "2")
                .containsEntry("app.kubernetes.io/managed-by", "datacenter-operator");
        assertThat(pvc.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("PersistentVolumeClaimSet");
            assertThat(o.getName()).isEqualTo("data");
            assertThat(o.getUid()).isEqualTo("uid-set");
        });
    }

    @Test
    void specIsAnIndependentCopyOfTheTemplate() {
        PersistentVolumeClaimSet set = set();
        PersistentVolumeClaim pvc = ClaimBuilder.build(set, "postgres", 0);
        assertThat(pvc.getSpec()).isEqualTo(set.getSpec().getTemplate());
        pvc.getSpec().setStorageClassName("other");
        pvc.getSpec().getAccessModes().add("ReadOnlyMany");
        assertThat(set.getSpec().getTemplate().getStorageClassName()).isEqualTo("local-path");
        assertThat(set.getSpec().getTemplate().getAccessModes()).containsExactly("ReadWriteOnce");
    }
}
