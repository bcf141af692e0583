package pretix.resilience.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static pretix.resilience.engine.PacketFilter.Direction.BOTH;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import pretix.resilience.engine.PacketFilter;

class IptablesTest {

    private static List<String> commands(String script) {
        return Arrays.asList(script.split(" && "));
    }

    @Test
    void aDropGoesIntoTheHarnesssOwnChainBothWaysAndSparesTheNodesTrafficToItself() {
        List<String> commands = commands(Iptables.apply(new PacketFilter.Drop(List.of("sentinel0", "sentinel1"), 1, BOTH),
                List.of("172.20.0.5", "172.20.0.6"), "172.20.0.2"));

        assertThat(commands).containsExactly(
                "iptables -w -N chaos 2>/dev/null || true",
                "iptables -w -C INPUT -j chaos 2>/dev/null || iptables -w -I INPUT -j chaos",
                "iptables -w -C OUTPUT -j chaos 2>/dev/null || iptables -w -I OUTPUT -j chaos",
                "iptables -w -A chaos -s 172.20.0.2 -d 172.20.0.2 -j RETURN",
                "iptables -w -A chaos -s 172.20.0.5 -j DROP",
                "iptables -w -A chaos -d 172.20.0.5 -j DROP",
                "iptables -w -A chaos -s 172.20.0.6 -j DROP",
                "iptables -w -A chaos -d 172.20.0.6 -j DROP");
    }

    @Test
    void oneWayFiltersOnlyWhatTheNodeReceivesOrOnlyWhatItSends() {
        assertThat(commands(Iptables.apply(new PacketFilter.Drop(List.of("sentinel0"), 1, PacketFilter.Direction.IN),
                List.of("172.20.0.5"), "172.20.0.2")))
                .contains("iptables -w -A chaos -s 172.20.0.5 -j DROP")
                .noneMatch(command -> command.contains("-d 172.20.0.5"));
        assertThat(commands(Iptables.apply(new PacketFilter.Reject(List.of("pg0"), PacketFilter.Direction.OUT),
                List.of("172.20.0.9"), "172.20.0.3")))
                .contains("iptables -w -A chaos -d 172.20.0.9 -p tcp -j REJECT --reject-with tcp-reset",
                        "iptables -w -A chaos -d 172.20.0.9 -j REJECT")
                .noneMatch(command -> command.contains("-s 172.20.0.9"));
    }

    @Test
    void lossDropsEachPacketWithItsProbability() {
        assertThat(commands(Iptables.apply(new PacketFilter.Drop(List.of(), 0.3, BOTH), List.of("172.20.0.0/16"), null)))
                .contains("iptables -w -A chaos -s 172.20.0.0/16 -m statistic --mode random --probability 0.3000 -j DROP")
                .noneMatch(command -> command.contains("RETURN"));
    }

    @Test
    void aRejectResetsTcpAndAnswersEverythingElseUnreachable() {
        assertThat(commands(Iptables.apply(new PacketFilter.Reject(List.of("pg0"), BOTH), List.of("172.20.0.9"), "172.20.0.3")))
                .contains("iptables -w -A chaos -s 172.20.0.9 -p tcp -j REJECT --reject-with tcp-reset",
                        "iptables -w -A chaos -s 172.20.0.9 -j REJECT",
                        "iptables -w -A chaos -d 172.20.0.9 -p tcp -j REJECT --reject-with tcp-reset",
                        "iptables -w -A chaos -d 172.20.0.9 -j REJECT");
    }

    @Test
    void anUnpluggedNodeRefusesEverythingButItsLoopbackAndItselfItsNameLookupsIncluded() {
        assertThat(commands(Iptables.apply(new PacketFilter.Unplugged(), List.of("10.0.1.0/24"), "10.0.1.7")))
                .endsWith("iptables -w -A chaos -s 10.0.1.7 -d 10.0.1.7 -j RETURN",
                        "iptables -w -A chaos -d 127.0.0.11 -j REJECT",
                        "iptables -w -A chaos -d 127.0.0.0/8 -j RETURN",
                        "iptables -w -A chaos -p tcp -j REJECT --reject-with tcp-reset",
                        "iptables -w -A chaos -j REJECT")
                .noneMatch(command -> command.contains("10.0.1.0/24"));
    }

    @Test
    void noNameLookupsCutsDockersResolverOnlyAndClearingFlushesTheChainAlone() {
        assertThat(commands(Iptables.apply(new PacketFilter.NoNameLookups(), List.of("172.20.0.0/16"), "172.20.0.3")))
                .endsWith("iptables -w -A chaos -d 127.0.0.11 -j DROP")
                .noneMatch(command -> command.contains("172.20."));
        assertThat(Iptables.clear()).isEqualTo("iptables -w -F chaos 2>/dev/null || true");
    }
}
