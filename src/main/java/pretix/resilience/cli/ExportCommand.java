package pretix.resilience.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pretix.resilience.ProjectHome;
import pretix.resilience.doctor.Doctor;
import pretix.resilience.engine.docker.Docker;
import pretix.resilience.engine.docker.image.BundledImages;
import pretix.resilience.engine.docker.image.StackImages;
import pretix.resilience.engine.docker.swarm.Publishing;
import pretix.resilience.engine.docker.swarm.StackFile;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.StackSecret;
import pretix.resilience.stack.StackSecrets;
import pretix.resilience.stack.Topology;

@Command(name = "export", description = "Write the stack file for `docker stack deploy` (and the Toxiproxy links it"
        + " refers to) from the topology model: compose/pretix-stack.yml for hardened, pretix-stack-seed.yml for seed.")
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--profile", defaultValue = "hardened", converter = ProfileConverter.class,
            description = "hardened (default) or seed")
    Profile profile;

    @Option(names = "--out", description = "directory to write to (default: compose/ in the project)")
    Path out;

    @Option(names = "--mesh", description = "publish through Swarm's routing mesh and service VIPs (swarms whose kernel"
            + " has IPVS) instead of DNS round robin and ports on the node, which work on every swarm")
    boolean mesh;

    @Option(names = "--secrets", description = "also write a random value for each of the stack's secrets to"
            + " secrets/ next to the stack file (mode 0600), which the stack file reads when deployed")
    boolean secrets;

    @Option(names = "--build-images", description = "also build the stack's images on this Docker daemon and tag them"
            + " pretix-resilience/<tier>:latest, the names the stack file uses")
    boolean buildImages;

    /** The file a profile's stack is written to. */
    static String fileName(Profile profile) {
        return "pretix-stack" + suffix(profile) + ".yml";
    }

    /** The file of the profile's Toxiproxy links, which its stack file refers to: the profiles' topologies differ. */
    static String linksFileName(Profile profile) {
        return "toxiproxy" + suffix(profile) + ".json";
    }

    private static String suffix(Profile profile) {
        return profile == Profile.HARDENED ? "" : "-" + profile.id();
    }

    /** The stack file of a profile's default topology, as it is committed. */
    static StackFile stackFile(Profile profile, boolean mesh) {
        return StackFile.of(Topology.builder(profile).build())
                .publishing(mesh ? Publishing.ROUTING_MESH : Publishing.HOST_PORTS)
                .secretsIn("./secrets").toxiproxyConfig("./" + linksFileName(profile));
    }

    @Override
    public Integer call() throws IOException {
        Path directory = out != null ? out : ProjectHome.directory().resolve("compose");
        Files.createDirectories(directory);
        StackFile file = stackFile(profile, mesh);
        Path stackFile = directory.resolve(fileName(profile));
        Files.writeString(stackFile, file.yaml());
        Path links = directory.resolve(linksFileName(profile));
        Files.writeString(links, file.toxiproxyLinks());
        System.out.println("wrote " + stackFile + " and " + links);
        if (secrets) {
            Path secretsDirectory = Files.createDirectories(directory.resolve("secrets"));
            StackSecrets values = StackSecrets.random();
            for (StackSecret secret : StackSecret.values()) {
                Path secretFile = secretsDirectory.resolve(StackFile.secretName(secret));
                Files.writeString(secretFile, values.get(secret));
                Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
            }
            System.out.println("wrote " + StackSecret.values().length + " random secrets to " + secretsDirectory);
        }
        if (buildImages) {
            if (!Doctor.readyToRun()) {
                return 1;
            }
            StackImages images = new StackImages(Docker.client(), BundledImages.directory(), System.out::println);
            images.tagLatest(images.ensureAllBuilt());
            System.out.println("images built and tagged pretix-resilience/<tier>:latest");
        }
        System.out.printf("deploy: docker stack deploy --resolve-image never -c %s pretix%n", stackFile);
        return 0;
    }
}
