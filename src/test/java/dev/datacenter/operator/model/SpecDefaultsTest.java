package dev.datacenter.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.api.UpgradeStrategy;
import dev.datacenter.operator.api.VolumeSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecDefaultsTest {

    @Test
    void minimumHealthCapacityDefaultsToOneForAnOrdinaryApp() {
        assertThat(SpecDefaults.minimumHealthCapacity(new DataCenterAppSpec())).isEqualTo(1.0);
    }

    @Test
    void appWithClaimSetVolumesDefaultsToHalfSoItCanRollWithoutOverCapacity() {
        DataCenterAppSpec spec = new DataCenterAppSpec();
        VolumeSpec volume = new VolumeSpec();
        volume.setName("data");
        volume.setMountPath("/var/lib/data");
        volume.setClaimSet("data");
        spec.setVolumes(List.of(volume));

        assertThat(SpecDefaults.minimumHealthCapacity(spec)).isEqualTo(0.5);
        RollingUpdatePlanner.Strategy strategy = RollingUpdatePlanner.Strategy.of(spec);
        assertThat(strategy.maximumOverCapacity()).isZero();
        assertThat(strategy.minimumHealthCapacity()).isEqualTo(0.5);
    }

    @Test
    void aGivenMinimumHealthCapacityWins() {
        DataCenterAppSpec spec = new DataCenterAppSpec();
        UpgradeStrategy strategy = new UpgradeStrategy();
        strategy.setMinimumHealthCapacity(0.25);
        spec.setUpgradeStrategy(strategy);
        assertThat(SpecDefaults.minimumHealthCapacity(spec)).isEqualTo(0.25);
    }
}
