package dev.datacenter.operator.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClaimPinsTest {

    @Test
    void aBoundClaimLivesOnItsSelectedNodeElseOnItsVolumesNode() {
        assertThat(ClaimPins.boundNode(ClaimSetPlanTest.claim(0, null, true, "n1"), v -> Optional.empty()))
                .contains("n1");
        assertThat(ClaimPins.boundNode(ClaimSetPlanTest.claim(0, null, false, "n1"), v -> Optional.empty()))
                .as("not bound yet: no node")
                .isEmpty();

        PersistentVolumeClaim viaVolume = ClaimSetPlanTest.claim(0, null, true, null);
        viaVolume.getSpec().setVolumeName("pv-1");
        assertThat(ClaimPins.boundNode(
                        viaVolume, v -> v.equals("pv-1") ? Optional.of(volume("host-7")) : Optional.empty()))
                .contains("host-7");
        assertThat(ClaimPins.boundNode(viaVolume, v -> Optional.empty())).isEmpty();
    }

    @Test
    void theRecordedPinWinsForPlacement() {
        assertThat(ClaimPins.placementNode(ClaimSetPlanTest.claim(0, "n2", true, "n1")))
                .contains("n2");
        assertThat(ClaimPins.placementNode(ClaimSetPlanTest.claim(0, null, true, "n1")))
                .contains("n1");
        assertThat(ClaimPins.placementNode(ClaimSetPlanTest.claim(0, null, false, null)))
                .isEmpty();
        assertThat(ClaimPins.ordinal(ClaimSetPlanTest.claim(4, null, false, null)))
                .isEqualTo(4);
    }

    @Test
    void aVolumeAllowingSeveralHostsPinsNothing() {
        PersistentVolume two = volume("a");
        two.getSpec()
                .getNodeAffinity()
                .getRequired()
                .getNodeSelectorTerms()
                .get(0)
                .getMatchExpressions()
                .get(0)
                .getValues()
                .add("b");
        assertThat(ClaimPins.affinityNode(two)).isEmpty();
        assertThat(ClaimPins.affinityNode(
                        new PersistentVolumeBuilder().withNewSpec().endSpec().build()))
                .isEmpty();
    }

    private static PersistentVolume volume(String host) {
        return new PersistentVolumeBuilder()
                .withNewMetadata()
                .withName("pv")
                .endMetadata()
                .withNewSpec()
                .withNewNodeAffinity()
                .withNewRequired()
                .addNewNodeSelectorTerm()
                .addNewMatchExpression()
                .withKey(ClaimPins.HOSTNAME)
                .withOperator("In")
                .withValues(new java.util.ArrayList<>(java.util.List.of(host)))
                .endMatchExpression()
                .endNodeSelectorTerm()
                .endRequired()
                .endNodeAffinity()
                .endSpec()
                .build();
    }
}
