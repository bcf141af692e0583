package pretix.resilience.engine.docker.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pretix.resilience.engine.docker.Labels;
import pretix.resilience.stack.Node;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.StackSecret;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;

class StackFileTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Topology HARDENED = Topology.defaults(Profile.HARDENED);

    private static JsonNode parse(StackFile file) throws Exception {
        return YAML.readTree(file.yaml());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void everyNodeIsAServiceOfOneTaskUnderItsName() throws Exception {
        JsonNode services = parse(StackFile.of(HARDENED)).get("services");
        assertThat(names(services)).containsExactlyElementsOf(HARDENED.allNodes().stream().map(Node::name).toList());
        services.forEach(service -> {
            assertThat(service.at("/deploy/replicas").asInt()).isEqualTo(1);
            assertThat(service.at("/deploy/restart_policy/condition").asText()).isEqualTo("any");
            assertThat(service.get("cap_drop").get(0).asText()).isEqualTo("ALL");
        });
        assertThat(services.at("/pgpool1/labels/" + Labels.NODE.replace("/", "~1")).asText()).isEqualTo("pgpool1");
        assertThat(services.at("/pgpool1/labels").get(Labels.PROFILE).asText()).isEqualTo("hardened");
        assertThat(services.at("/pgpool1/environment/NODE_ID").asText()).isEqualTo("1");
    }

    @Test
    void theRoutingMeshUsesVipsAndIngressPortsHostPortsUseDnsRoundRobin() throws Exception {
        JsonNode mesh = parse(StackFile.of(HARDENED).publishing(Publishing.ROUTING_MESH)).get("services");
        JsonNode host = parse(StackFile.of(HARDENED).publishing(Publishing.HOST_PORTS)).get("services");
        assertThat(mesh.at("/nginx0/deploy/endpoint_mode").asText()).isEqualTo("vip");
        assertThat(mesh.at("/pg0/ports/0/mode").asText()).isEqualTo("ingress");
        assertThat(host.at("/nginx0/deploy/endpoint_mode").asText()).isEqualTo("dnsrr");
        assertThat(host.at("/pg0/ports/0/mode").asText()).isEqualTo("host");
        assertThat(host.at("/pg0/ports/0/target").asInt()).isEqualTo(Tier.POSTGRES.servicePort());
    }

    @Test
    void statelessNodesUpdateStartFirstStatefulOnesStopFirst() throws Exception {
        JsonNode services = parse(StackFile.of(HARDENED)).get("services");
        assertThat(services.at("/shop0/deploy/update_config/order").asText()).isEqualTo("start-first");
        assertThat(services.at("/nginx1/deploy/update_config/order").asText()).isEqualTo("start-first");
        assertThat(services.at("/pg0/deploy/update_config/order").asText()).isEqualTo("stop-first");
        assertThat(services.at("/redis0/deploy/update_config/order").asText()).isEqualTo("stop-first");
    }

    @Test
    void eachTierGetsOnlyItsSecretsAsSwarmSecretsNamedByItsFileVariables() throws Exception {
        JsonNode file = parse(StackFile.of(HARDENED).secretsIn("/s"));
        assertThat(names(file.get("secrets"))).hasSize(StackSecret.values().length);
        assertThat(file.at("/secrets/shop-token/file").asText()).isEqualTo("/s/shop-token");
        JsonNode nginx = file.at("/services/nginx0");
        assertThat(nginx.has("secrets")).isFalse();
        JsonNode shop = file.at("/services/shop0");
        assertThat(shop.get("secrets")).hasSize(StackSecret.of(Tier.SHOP).size());
        assertThat(shop.at("/environment/SHOP_TOKEN_FILE").asText()).isEqualTo(StackSecret.SHOP_TOKEN.path());
    }

    @Test
    void statefulNodesKeepTheirDataInNamedVolumes() throws Exception {
        JsonNode file = parse(StackFile.of(HARDENED));
        assertThat(file.at("/services/pg1/volumes").toString())
                .contains("pg1-data:/var/lib/postgresql/data", "pg1-wal:" + Tier.POSTGRES.diskPath().orElseThrow());
        assertThat(file.at("/services/redis2/volumes/0").asText()).isEqualTo("redis2-data:/var/lib/redis");
        assertThat(file.at("/services/shop0").has("volumes")).isFalse();
        assertThat(names(file.get("volumes"))).contains("pg0-data", "pg0-wal", "sentinel2-data").doesNotContain("shop0-data");
    }

    @Test
    void aStackGrowsByTheServicesDeployedSoFarWithTheirVolumesOnly() throws Exception {
        JsonNode file = parse(StackFile.of(HARDENED).only(List.of(HARDENED.initialPrimary(), HARDENED.toxiproxy())));
        assertThat(names(file.get("services"))).containsExactly("pg0", "toxiproxy0");
        assertThat(names(file.get("volumes"))).containsExactly("pg0-data", "pg0-wal");
    }

    @Test
    void theHarnessLabelsEveryResourceAndNamesItsOwnImages() throws Exception {
        Map<String, String> labels = Labels.forStack("chaos-abc", "hardened");
        JsonNode file = parse(StackFile.of(HARDENED).labels(labels).images(Map.of("shop", "pretix-resilience/shop:1234")));
        assertThat(file.at("/networks/stack/labels").get(Labels.OWNER).asText()).isEqualTo(labels.get(Labels.OWNER));
        assertThat(file.at("/secrets/pgpool-key/labels").get(Labels.STACK).asText()).isEqualTo("chaos-abc");
        assertThat(file.at("/volumes/pg0-data/labels").get(Labels.HARNESS).asText()).isEqualTo("true");
        assertThat(file.at("/services/shop1/deploy/labels").get(Labels.STACK).asText()).isEqualTo("chaos-abc");
        assertThat(file.at("/services/shop1/image").asText()).isEqualTo("pretix-resilience/shop:1234");
        assertThat(file.at("/services/pg0/image").asText()).isEqualTo("pretix-resilience/postgres:latest");
    }

    @Test
    void theToxiproxyLinksAreAConfigTheProxyReadsAtItsStart() throws Exception {
        StackFile stackFile = StackFile.of(HARDENED).toxiproxyConfig("./links.json");
        JsonNode file = parse(stackFile);
        assertThat(file.at("/configs/toxiproxy-links/file").asText()).isEqualTo("./links.json");
        assertThat(file.at("/services/toxiproxy0/command").toString()).contains("-config=");
        JsonNode links = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stackFile.toxiproxyLinks());
        assertThat(links).hasSize(HARDENED.links().size());
    }
}
