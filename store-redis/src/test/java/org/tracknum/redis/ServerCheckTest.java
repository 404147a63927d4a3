package org.tracknum.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tracknum.ConfigurationException;
import org.tracknum.Durability;
import org.tracknum.spi.SettingNames;

/** The decision logic over what servers report; real servers are checked in {@link DurabilityCheckTest}. */
class ServerCheckTest {
    private static final ServerCheck STRICT = new ServerCheck(Durability.STRICT, SettingNames.KEYS);

    private static ServerFacts facts(String info, Map<String, String> config, String configError) {
        return new ServerFacts("10.0.0.1:6379", ServerFacts.parseInfo(info), config, configError);
    }

    private static final String INFO_7 = "# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n\r\n"
            + "# Persistence\r\naof_enabled:1\r\n# Memory\r\nmaxmemory_policy:noeviction\r\n"
            + "# Replication\r\nrole:master\r\n# Cluster\r\ncluster_enabled:0\r\n";

    @Test
    void versionsBefore7AreRefused() {
        assertThat(ServerCheck.atLeast7("7.0.0")).isTrue();
        assertThat(ServerCheck.atLeast7("7.2.4")).isTrue();
        assertThat(ServerCheck.atLeast7("10.0")).isTrue();
        assertThat(ServerCheck.atLeast7("6.2.14")).isFalse();
        assertThat(ServerCheck.atLeast7("garbage")).isFalse();
        ServerFacts old = facts(INFO_7.replace("7.0.15", "6.2.14"), Map.of(), null);
        assertThatThrownBy(() -> STRICT.check(List.of(old), false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("version 6.2.14").hasMessageContaining("7.0 or later");
    }

    @Test
    void infoStandsInWhenConfigIsDisabled() {
        ServerFacts noConfig = facts(INFO_7, Map.of(), "ERR");
        assertThat(ServerCheck.problems(noConfig)).isEmpty();
        STRICT.check(List.of(noConfig), false);
        ServerFacts noAof = facts(INFO_7.replace("aof_enabled:1", "aof_enabled:0"), Map.of(), "ERR");
        assertThat(ServerCheck.problems(noAof)).singleElement().asString().startsWith("appendonly is no");
    }

    @Test
    void unreadableSettingsAreRefusedInStrictMode() {
        ServerFacts blind = facts("redis_version:7.0.15\r\nrole:master\r\n", Map.of(), "NOPERM");
        assertThatThrownBy(() -> STRICT.check(List.of(blind), false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("appendonly cannot be read (CONFIG GET failed with NOPERM")
                .hasMessageContaining("maxmemory-policy cannot be read")
                .hasMessageContaining("tracknum.redis.durability=relaxed");
        new ServerCheck(Durability.RELAXED, SettingNames.KEYS).check(List.of(blind), false);
    }

    @Test
    void configGetWinsOverInfo() {
        ServerFacts facts = facts(INFO_7, Map.of("appendonly", "no", "appendfsync", "always",
                "maxmemory-policy", "allkeys-lfu"), null);
        assertThat(ServerCheck.problems(facts)).hasSize(2);
        assertThat(facts.setting("appendfsync")).isEqualTo("always");
    }

    @Test
    void clusterReplicasAreSkippedButAMasterIsNeeded() {
        ServerFacts replica = facts(INFO_7.replace("role:master", "role:slave").replace("aof_enabled:1", "aof_enabled:0")
                .replace("cluster_enabled:0", "cluster_enabled:1"), Map.of(), "ERR");
        ServerFacts master = facts(INFO_7.replace("cluster_enabled:0", "cluster_enabled:1"), Map.of(), null);
        STRICT.check(List.of(master, replica), true);
        assertThatThrownBy(() -> STRICT.check(List.of(replica), true)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no Redis master");
    }
}
