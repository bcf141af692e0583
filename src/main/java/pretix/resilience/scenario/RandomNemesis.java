package pretix.resilience.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;

/**
 * {@code chaos run --nemesis random}: a scenario without a file, whose faults are drawn at random
 * from kinds of fault named on the command line ({@code --faults kill,pause}), each kind standing
 * for the faults of that kind a redundant stack must ride out on its own, aimed by role. Written
 * as the scenario file it stands for and read as one, so that it is checked and runs and reports
 * like any other.
 */
public final class RandomNemesis {

    /** What the command line shows as the file of every error. */
    static final String ORIGIN = "chaos run --nemesis random";

    private RandomNemesis() {}

    /** The faults each kind stands for, as timeline entries. */
    static Map<String, List<String>> draws(Topology topology) {
        Map<String, List<String>> draws = new LinkedHashMap<>();
        List<String> stopped = List.of("nginx.any", "shop.any", "pgpool.any", "haproxy.any", "sentinel.any", "redis.master",
                "postgres.primary");
        draws.put("kill", targets("kill", stopped));
        draws.put("stop", targets("stop", stopped));
        draws.put("restart", targets("restart", List.of("shop.any", "pgpool.any", "redis.master")));
        draws.put("pause", targets("pause", List.of("redis.master", "postgres.primary", "pgpool.any", "sentinel.any")));
        draws.put("isolate", List.of("{fault: isolate, target: redis.master, from: sentinel}",
                "{fault: isolate, target: postgres.primary, from: pgpool}"));
        List<String> pgpools = topology.nodes(Tier.PGPOOL).stream().map(node -> node.name()).toList();
        draws.put("partition", List.of("{fault: partition, groups: [[" + pgpools.get(0) + "], ["
                + String.join(", ", pgpools.subList(1, pgpools.size())) + "]]}"));
        draws.put("loss", List.of("{fault: loss, loss: 30%, target: pgpool.any, from: toxiproxy}"));
        draws.put("latency", List.of("{fault: latency, link: shop-pgpool, latency: 1s}"));
        draws.put("starve", targets("starve", List.of("sentinel.any", "pgpool.any")).stream()
                .map(entry -> entry.replace("}", ", cpu: 5%}")).toList());
        draws.put("oom", List.of("{fault: oom, target: redis.master}"));
        draws.put("disk_full", List.of("{fault: disk_full, target: postgres.primary}"));
        return draws;
    }

    /**
     * The scenario: {@code kinds} drawn for {@code duration}, each fault held for {@code hold}
     * and followed by {@code gap} (durations or ranges as in a file).
     *
     * @throws ScenarioException for an unknown kind or a value a file could not hold either
     */
    public static Scenario scenario(Profile profile, List<String> kinds, String duration, String hold, String gap)
            throws ScenarioException {
        Map<String, List<String>> draws = draws(Topology.defaults(profile));
        List<ScenarioError> problems = new ArrayList<>();
        Map<String, String> timing = new LinkedHashMap<>();
        timing.put("--duration", duration);
        timing.put("--hold", hold);
        timing.put("--gap", gap);
        // Each goes into the scenario's text as it is: it must be a duration or a range, and nothing else.
        timing.forEach((option, value) -> {
            if (!value.matches("[0-9][0-9a-z.]*")) {
                problems.add(new ScenarioError(option, 1, 1, "'" + value + "' is not a duration such as 10m or a range"
                        + " such as 5s..15s"));
            }
        });
        IntStream.range(0, kinds.size()).filter(i -> !draws.containsKey(kinds.get(i))).forEach(i -> problems.add(
                new ScenarioError("--faults", 1, i + 1, "unknown kind of fault '" + kinds.get(i) + "'"
                        + YamlFields.hint(kinds.get(i), List.copyOf(draws.keySet())) + ": use " + draws.keySet())));
        if (kinds.isEmpty()) {
            problems.add(new ScenarioError("--faults", 1, 1, "name one kind of fault or more, such as kill,pause: "
                    + draws.keySet()));
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        String name = "random-" + String.join("-", kinds).replace('_', '-') + "-" + duration.replaceAll("[^a-z0-9]", "");
        String text = "name: " + name + "\n"
                + "description: >\n  Faults drawn at random by the run's seed (" + String.join(", ", kinds) + "), one at a"
                + " time, for " + duration + "; --seed repeats the schedule.\n"
                + "profile: " + profile.id() + "\n"
                + "random_faults:\n  duration: " + duration + "\n  hold: " + hold + "\n  gap: " + gap + "\n  faults:\n"
                + kinds.stream().distinct().flatMap(kind -> draws.get(kind).stream()).map(entry -> "    - " + entry + "\n")
                .collect(Collectors.joining());
        return ScenarioReader.read(ORIGIN, text, null);
    }

    private static List<String> targets(String kind, List<String> targets) {
        return targets.stream().map(target -> "{fault: " + kind + ", target: " + target + "}").toList();
    }
}
