package pretix.resilience.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pretix.resilience.engine.docker.DockerEngine;
import pretix.resilience.engine.docker.Docker;
import pretix.resilience.roles.RoleObserver;
import pretix.resilience.roles.RoleSnapshot;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.Tier;

@Command(name = "status", description = "Who is primary, standby, master and replica, as each node and observer sees it.")
final class StatusCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the observations as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!Docker.isReachable()) {
            System.err.println("no Docker daemon answers at " + Docker.host() + ": run `./chaos doctor`");
            return 1;
        }
        List<DeployedStack> stacks = DockerEngine.local().stacks();
        if (stacks.isEmpty()) {
            System.err.println("no stack is up: `./chaos up` starts one");
            return 1;
        }
        List<Map<String, Object>> documents = new ArrayList<>();
        for (DeployedStack stack : stacks) {
            RoleSnapshot snapshot = new RoleObserver(EngineKind.ofStack(stack.id())).observe(stack);
            if (json) {
                documents.add(document(stack, snapshot));
            } else {
                System.out.print(new RoleTable(stack, snapshot).render());
            }
        }
        if (json) {
            System.out.println(new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .writerWithDefaultPrettyPrinter().writeValueAsString(documents));
        }
        return 0;
    }

    private static Map<String, Object> document(DeployedStack stack, RoleSnapshot snapshot) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("stack", stack.id());
        document.put("profile", stack.profile().id());
        document.put("shopUrls", stack.shopUrls());
        Map<String, Map<String, Integer>> tiers = new LinkedHashMap<>();
        for (Tier tier : Tier.values()) {
            tiers.put(tier.image(), Map.of("healthy", snapshot.healthy(tier), "expected", stack.nodes(tier).size()));
        }
        document.put("tiers", tiers);
        document.put("postgresPrimaries", snapshot.postgresPrimaries());
        document.put("agreedPostgresPrimary", snapshot.agreedPostgresPrimary().orElse(null));
        document.put("redisMasters", snapshot.redisMasters());
        document.put("agreedRedisMaster", snapshot.agreedRedisMaster().orElse(null));
        document.put("observations", snapshot);
        return document;
    }
}
