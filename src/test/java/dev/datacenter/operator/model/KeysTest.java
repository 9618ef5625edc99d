package dev.datacenter.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void anAppKeyReadsBackWhatItWrites() {
        AppKey key = new AppKey("demo", "jokes");
        assertThat(key.engineKey()).isEqualTo("demo/jokes");
        assertThat(AppKey.parse(key.engineKey())).isEqualTo(key);
        assertThatThrownBy(() -> AppKey.parse("jokes")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInstanceKeyIsTheEnginesTaskIdAndTellsForeignTasksApart() {
        InstanceKey key = new InstanceKey(new AppKey("demo", "jokes"), 3);
        assertThat(key.taskId()).isEqualTo("demo/jokes#3");
        assertThat(InstanceKey.ofTask(key.taskId())).contains(key);
        assertThat(InstanceKey.isOf(key.taskId(), "demo/jokes")).isTrue();
        assertThat(InstanceKey.isOf(key.taskId(), "demo/joke")).isFalse();
        assertThat(InstanceKey.ofTask("pod:6f1c-uid")).isEmpty();
        assertThat(InstanceKey.ofTask("pod:ns/name#1")).isEmpty();
        assertThat(InstanceKey.ofTask("demo/jokes#x")).isEmpty();
    }
}
