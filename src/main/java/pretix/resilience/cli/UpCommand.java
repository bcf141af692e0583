package pretix.resilience.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import pretix.resilience.client.PretixClient;
import pretix.resilience.client.Quickstart;
import pretix.resilience.engine.Engine;
import pretix.resilience.engine.LaunchedStack;
import pretix.resilience.doctor.Doctor;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.ReplicaKnob;
import pretix.resilience.stack.ShopAccess;
import pretix.resilience.stack.StackSecret;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;

@Command(name = "up", description = "Bring up the whole stack, prepare the quickstart event, and leave it running"
        + " (until `chaos down`).")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--profile", defaultValue = "hardened", converter = ProfileConverter.class,
            description = "hardened (default) or seed")
    Profile profile;

    @Option(names = "--engine", defaultValue = "docker", converter = EngineKind.Converter.class,
            description = "docker (default: containers the harness starts) or swarm (a Swarm stack on this daemon's"
                    + " swarm, which the harness initialises when there is none)")
    EngineKind engineKind;

    @Spec
    CommandSpec spec;

    /** One option per replica knob, such as {@code --standbys N}, added where the command line is built. */
    static void addReplicaOptions(CommandSpec up) {
        for (ReplicaKnob knob : ReplicaKnob.values()) {
            up.addOption(OptionSpec.builder(knob.option()).paramLabel("N").type(Integer.class)
                    .description(knob.description() + " (default " + defaults(knob) + ")").build());
        }
    }

    private static String defaults(ReplicaKnob knob) {
        return Arrays.stream(Profile.values()).map(profile -> knob.defaultFor(profile)).distinct().count() == 1
                ? String.valueOf(knob.defaultFor(Profile.HARDENED))
                : Arrays.stream(Profile.values()).map(profile -> knob.defaultFor(profile) + " in " + profile.id())
                        .collect(Collectors.joining(", "));
    }

    @Override
    public Integer call() {
        Topology topology = topology();
        if (!Doctor.readyToRun()) {
            return 1;
        }
        Engine engine = engineKind.local();
        List<DeployedStack> kept = engine.stacks().stream().filter(DeployedStack::kept).toList();
        if (!kept.isEmpty()) {
            System.err.println("stack " + kept.get(0).id() + " is already up: `./chaos status` shows it,"
                    + " `./chaos down` removes it");
            return 1;
        }
        LaunchedStack stack = engine.launch(topology, true, System.out::println);

        printNodes(stack);
        int exitCode = 0;
        try {
            printQuickstart(stack.deployed());
        } catch (IOException | RuntimeException e) {
            System.err.println("the quickstart failed: " + e.getMessage()
                    + "\nthe stack is up for investigation: `./chaos status` shows it, `./chaos down` removes it");
            exitCode = 1;
        }
        System.out.println("next: `./chaos status` shows the roles, `./chaos down` removes the stack");
        System.out.flush();
        System.err.flush();
        // Testcontainers' exit hook (Ryuk is off) would remove the containers this command must leave up.
        Runtime.getRuntime().halt(exitCode);
        return exitCode;
    }

    /** The stack, how long it took, and every node's published ports. */
    static void printNodes(LaunchedStack stack) {
        System.out.printf("stack %s (%s) ready in %.1f s%n", stack.id(), stack.topology().profile().id(),
                stack.timeToReady().toMillis() / 1000.0);
        System.out.printf("  %-10s %-9s %s%n", "node", "tier", "container port -> host endpoint");
        for (DeployedNode node : stack.deployed().nodes()) {
            System.out.printf("  %-10s %-9s %s%n", node.name(), node.tier().image(), node.ports().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(port -> port.getKey() + " -> " + port.getValue())
                    .collect(Collectors.joining(", ")));
        }
    }

    /** As the report's quickstart.py did: an event ready for load, and how to reach it. */
    private static void printQuickstart(DeployedStack stack) throws IOException {
        ShopAccess access = stack.shopAccess();
        List<String> urls = stack.shopUrls();
        Quickstart.Event event = Quickstart.create(
                new PretixClient(urls.get(0), access.organizer(), access.token(), Duration.ofSeconds(10)));
        System.out.println("shop (pretix API), one URL per nginx, each through its Toxiproxy link client-nginxN:");
        urls.forEach(url -> System.out.println("  " + url));
        // The token is a secret of the stack: printed it would end up in terminal logs and CI output.
        DeployedNode shop = stack.nodes(Tier.SHOP).get(0);
        System.out.println("organizer " + access.organizer() + ", API token in " + StackSecret.SHOP_TOKEN.path()
                + " of every shop container");
        System.out.printf("quickstart event '%s': items %s, quota %d%n", event.slug(), event.items(), event.quota());
        System.out.printf("  curl -H \"Authorization: Token $(docker exec %.12s cat %s)\"%n"
                        + "    %s/api/v1/organizers/%s/events/%s/items/%n",
                shop.containerId(), StackSecret.SHOP_TOKEN.path(), urls.get(0), access.organizer(), event.slug());
    }

    private Topology topology() {
        Topology.Builder builder = Topology.builder(profile);
        for (ReplicaKnob knob : ReplicaKnob.values()) {
            Integer count = spec.findOption(knob.option()).getValue();
            if (count != null) {
                builder.set(knob, count);
            }
        }
        return builder.build();
    }
}
