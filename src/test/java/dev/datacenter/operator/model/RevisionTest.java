package dev.datacenter.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.api.HealthCheck;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RevisionTest {

    private static DataCenterApp app(String image) {
        DataCenterApp app = Apps.app("jokes");
        app.getSpec().getContainer().setImage(image);
        app.getSpec().setInstances(4);
        app.getSpec().setGroup("/demo");
        app.getSpec().getContainer().setEnv(List.of(new EnvVar("A", "1", null)));
        app.getSpec().setHealthChecks(List.of(new HealthCheck()));
        return app;
    }

    @Test
    void revisionIsNamedByHashLabelledOwnedAndNumbered() {
        DataCenterApp app = app("img:1");
        ControllerRevision r = RevisionBuilder.build(app, 3, null);
        String hash = PodTemplateHash.of(app.getSpec());
        assertThat(r.getMetadata().getName()).isEqualTo("jokes-" + hash);
        assertThat(r.getMetadata().getNamespace()).isEqualTo("demo");
        assertThat(r.getMetadata().getLabels())
                .containsEntry("datacenter.dev/app", "jokes")
                .containsEntry("app.kubernetes.io/managed-by", "datacenter-operator")
                .containsEntry(PodTemplateHash.LABEL, hash);
        assertThat(r.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(o -> assertThat(o.getController()).isTrue());
        assertThat(r.getRevision()).isEqualTo(3L);
        assertThat(RevisionBuilder.templateHash(r)).isEqualTo(hash);
    }

    @Test
    void dataHoldsTheSpecWithoutInstancesAndSurvivesAJsonRoundTrip() {
        DataCenterApp app = app("img:1");
        app.getSpec().getResources().setCpus(new Quantity("0.5"));
        ControllerRevision r = RevisionBuilder.build(app, 1, "nonce");
        // as read back from the API server: data becomes plain JSON maps
        ControllerRevision read = Serialization.unmarshal(Serialization.asJson(r), ControllerRevision.class);
        DataCenterAppSpec spec = RevisionHistory.spec(read);
        assertThat(spec.getInstances()).isNull();
        assertThat(spec.getContainer().getImage()).isEqualTo("img:1");
        assertThat(spec.getGroup()).isEqualTo("/demo");
        assertThat(spec.getContainer().getEnv()).extracting(EnvVar::getName).containsExactly("A");
        assertThat(spec.getResources().getCpus().getNumericalAmount()).isEqualByComparingTo("0.5");
        assertThat(PodTemplateHash.of(spec, "nonce")).isEqualTo(RevisionBuilder.templateHash(read));
        assertThat(RevisionHistory.restartNonce(List.of(read), null)).isEqualTo("nonce");
    }

    @Test
    void resolveCreatesReusesOrRenumbers() {
        ControllerRevision r1 = RevisionBuilder.build(app("img:1"), 1, null);
        ControllerRevision r2 = RevisionBuilder.build(app("img:2"), 2, null);
        List<ControllerRevision> revs = List.of(r1, r2);

        RevisionHistory.Resolution same =
                RevisionHistory.resolve(revs, PodTemplateHash.of(app("img:2").getSpec()));
        assertThat(same.action()).isEqualTo(RevisionHistory.Action.REUSE);
        assertThat(same.number()).isEqualTo(2);
        assertThat(same.existing()).isSameAs(r2);

        RevisionHistory.Resolution back =
                RevisionHistory.resolve(revs, PodTemplateHash.of(app("img:1").getSpec()));
        assertThat(back.action()).isEqualTo(RevisionHistory.Action.RENUMBER);
        assertThat(back.number()).isEqualTo(3);
        assertThat(back.existing()).isSameAs(r1);

        RevisionHistory.Resolution fresh =
                RevisionHistory.resolve(revs, PodTemplateHash.of(app("img:3").getSpec()));
        assertThat(fresh.action()).isEqualTo(RevisionHistory.Action.CREATE);
        assertThat(fresh.number()).isEqualTo(3);
        assertThat(fresh.existing()).isNull();

        assertThat(RevisionHistory.resolve(List.of(), "x").number()).isEqualTo(1);
    }

    @Test
    void restartNonceComesFromTheAnnotationElseTheNewestRevision() {
        ControllerRevision r1 = RevisionBuilder.build(app("img:1"), 1, "a");
        ControllerRevision r2 = RevisionBuilder.build(app("img:2"), 2, "b");
        assertThat(RevisionHistory.restartNonce(List.of(r1, r2), null)).isEqualTo("b");
        assertThat(RevisionHistory.restartNonce(List.of(r1, r2), "c")).isEqualTo("c");
        assertThat(RevisionHistory.restartNonce(List.of(), null)).isNull();
        assertThat(RevisionBuilder.templateHash(r2))
                .isNotEqualTo(PodTemplateHash.of(app("img:2").getSpec()));
    }

    @Test
    void pruneKeepsTenAndNeverTheCurrentOrOneInUse() {
        List<ControllerRevision> revs = new ArrayList<>();
        for (int i = 1; i <= 13; i++) {
            revs.add(RevisionBuilder.build(app("img:" + i), i, null));
        }
        String current = RevisionBuilder.templateHash(revs.get(1)); // revision 2 is current (rolled back)
        String inUse = RevisionBuilder.templateHash(revs.get(2)); // pods of revision 3 still run
        List<Long> pruned = RevisionHistory.toPrune(revs, current, Set.of(inUse), 10).stream()
                .map(ControllerRevision::getRevision)
                .collect(Collectors.toList());
        assertThat(pruned).containsExactly(1L, 4L, 5L);
        assertThat(RevisionHistory.toPrune(revs.subList(0, 10), current)).isEmpty();
        assertThat(RevisionHistory.toPrune(revs, current))
                .extracting(ControllerRevision::getRevision)
                .containsExactly(1L, 3L, 4L);
    }

    @Test
    void rollbackSpecRestoresTheOldSpecWithTheCurrentScale() {
        List<ControllerRevision> revs =
                List.of(RevisionBuilder.build(app("img:1"), 1, null), RevisionBuilder.build(app("img:2"), 2, null));
        DataCenterAppSpec spec = RevisionHistory.specForRollback(revs, 1, 7).orElseThrow();
        assertThat(spec.getContainer().getImage()).isEqualTo("img:1");
        assertThat(spec.getInstances()).isEqualTo(7);
        assertThat(RevisionHistory.specForRollback(revs, 9, 7)).isEmpty();
        ControllerRevision empty = new ControllerRevision();
        empty.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
        assertThatThrownBy(() -> RevisionHistory.spec(empty)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void currentHashTakesTheRestartAnnotationElseTheNewestNonce() {
        DataCenterApp app = app("img:1");
        List<ControllerRevision> revs = List.of(RevisionBuilder.build(app, 1, "r1"));
        assertThat(RevisionHistory.currentHash(app, revs)).isEqualTo(PodTemplateHash.of(app.getSpec(), "r1"));
        app.getMetadata().setAnnotations(java.util.Map.of("datacenter.dev/restart", "r2"));
        String restarted = RevisionHistory.currentHash(app, revs);
        assertThat(restarted).isEqualTo(PodTemplateHash.of(app.getSpec(), "r2"));
        assertThat(RevisionHistory.resolve(revs, restarted).action()).isEqualTo(RevisionHistory.Action.CREATE);
        // once the revision exists and the annotation is removed, the hash stays
        List<ControllerRevision> after = List.of(revs.get(0), RevisionBuilder.build(app, 2, "r2"));
        app.getMetadata().setAnnotations(null);
        assertThat(RevisionHistory.currentHash(app, after)).isEqualTo(restarted);
        assertThat(RevisionHistory.resolve(after, restarted).action()).isEqualTo(RevisionHistory.Action.REUSE);
    }
}
