package dev.datacenter.operator.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.model.ClaimBuilder;
import dev.datacenter.operator.testsupport.TestObjects;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimOwnershipTest {

    private static PersistentVolumeClaimSet set(String name, String uid) {
        PersistentVolumeClaimSet set = TestObjects.claimSet("demo", name);
        set.getMetadata().setUid(uid);
        return set;
    }

    @Test
    void aClaimIsTheAppsWhenItsLabelsAndOwnerSaySoWhateverItsName() {
        PersistentVolumeClaimSet data = set("data", "uid-1");
        PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder(ClaimBuilder.build(data, "db", 0))
                .editMetadata()
                .withName("data-db-0") // the name of earlier versions
                .endMetadata()
                .build();
        assertThat(ClaimOwnership.conflict(claim, data, "db", 0)).isEmpty();
        assertThat(ClaimOwnership.conflict(claim, data, "db", 1))
                .hasValueSatisfying(
                        m -> assertThat(m).contains("data-db-0", "ordinal 0", "not to set data, app db, ordinal 1"));
    }

    @Test
    void theIssuesPairsAreEachOthersConflicts() {
        PersistentVolumeClaimSet a = set("a", "uid-a");
        PersistentVolumeClaimSet ab = set("a-b", "uid-ab");
        PersistentVolumeClaim ofA = ClaimBuilder.build(a, "b-c", 0);
        PersistentVolumeClaim ofAb = ClaimBuilder.build(ab, "c", 0);
        assertThat(ofA.getMetadata().getName()).isNotEqualTo(ofAb.getMetadata().getName());
        assertThat(ClaimOwnership.conflict(ofA, ab, "c", 0))
                .hasValueSatisfying(m -> assertThat(m).contains("belongs to set a, app b-c, ordinal 0"));
        assertThat(ClaimOwnership.conflict(ofAb, a, "b-c", 0)).isPresent();
    }

    @Test
    void aClaimOwnedByAnotherSetOfTheSameNameOrAnythingElseIsNotTheApps() {
        PersistentVolumeClaimSet now = set("data", "uid-new");
        PersistentVolumeClaim ofOld = ClaimBuilder.build(set("data", "uid-old"), "db", 0);
        assertThat(ClaimOwnership.conflict(ofOld, now, "db", 0))
                .hasValueSatisfying(
                        m -> assertThat(m).contains("owned by PersistentVolumeClaimSet data (uid uid-old)"));

        PersistentVolumeClaim kept = ClaimBuilder.build(now, "db", 0);
        kept.getMetadata().setOwnerReferences(List.of());
        assertThat(ClaimOwnership.conflict(kept, now, "db", 0))
                .as("kept by whenDeleted Retain: the set of that name takes it back")
                .isEmpty();

        PersistentVolumeClaim foreign = ClaimBuilder.build(now, "db", 0);
        foreign.getMetadata()
                .setOwnerReferences(List.of(new OwnerReferenceBuilder()
                        .withKind("StatefulSet")
                        .withName("db")
                        .withUid("x")
                        .build()));
        assertThat(ClaimOwnership.conflict(foreign, now, "db", 0)).isPresent();
    }

    @Test
    void aClaimNotManagedByTheOperatorIsSaidToBeSomethingElse() {
        PersistentVolumeClaimSet data = set("data", "uid-1");
        PersistentVolumeClaim users = new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(ClaimBuilder.name("data", "db", 0))
                .endMetadata()
                .build();
        assertThat(ClaimOwnership.conflict(users, data, "db", 0))
                .hasValueSatisfying(m -> assertThat(m).contains("not managed by " + ApiGroup.MANAGED_BY));
    }

    @Test
    void onlyAPlainWholeNumberIsAWipeOrdinal() {
        assertThat(WipeRequest.ordinal("1")).hasValue(1);
        assertThat(WipeRequest.ordinal(" 1 ")).hasValue(1);
        assertThat(WipeRequest.ordinal("0")).hasValue(0);
        for (String bad : List.of("-1", "+1", "01", "1.0", "abc", "", " ", "1 2", "99999999999")) {
            assertThat(WipeRequest.ordinal(bad)).as("\"%s\"", bad).isEmpty();
        }
    }
}
