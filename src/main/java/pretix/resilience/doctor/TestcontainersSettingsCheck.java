package pretix.resilience.doctor;

import com.github.dockerjava.api.exception.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import pretix.resilience.engine.docker.Docker;

/**
 * The environment Testcontainers needs on this machine. Testcontainers reads both settings
 * from environment variables only, so they cannot be repaired from inside this JVM: the
 * {@code ./chaos} launcher and the Maven build set them, and this check says when a run
 * started some other way lacks them.
 */
final class TestcontainersSettingsCheck implements Check {

    static final String HOST_OVERRIDE = "TESTCONTAINERS_HOST_OVERRIDE";
    static final String RYUK_DISABLED = "TESTCONTAINERS_RYUK_DISABLED";
    private static final String RYUK_IMAGE = "testcontainers/ryuk";

    @Override
    public String name() {
        return "Testcontainers settings";
    }

    @Override
    public CheckResult run(boolean fix) {
        List<String> problems = new ArrayList<>();
        List<String> remedies = new ArrayList<>();
        boolean inContainer = Files.exists(Path.of("/.dockerenv"));
        boolean localDaemon = Docker.host().startsWith("unix://");
        if (inContainer && localDaemon && !"localhost".equals(System.getenv(HOST_OVERRIDE))) {
            problems.add("this machine is a container with a local daemon, so Testcontainers would start a"
                    + " helper image to find the daemon's address");
            remedies.add("export " + HOST_OVERRIDE + "=localhost");
        }
        boolean ryukOff = Boolean.parseBoolean(System.getenv(RYUK_DISABLED));
        if (!ryukOff && !ryukImagePresent()) {
            problems.add("Ryuk is on but its image " + RYUK_IMAGE + " is not here");
            remedies.add("export " + RYUK_DISABLED + "=true (the harness labels and removes its own resources)");
        }
        if (!problems.isEmpty()) {
            return CheckResult.failed(name(), String.join("; ", problems),
                    String.join(" and ", remedies) + ", or start through ./chaos or mvn, which set it");
        }
        return CheckResult.ok(name(), (inContainer && localDaemon ? "host override localhost, " : "")
                + (ryukOff ? "Ryuk off (the harness sweeps its own labelled resources)" : "Ryuk on"));
    }

    private static boolean ryukImagePresent() {
        if (!Docker.isReachable()) {
            return false;
        }
        try {
            return !Docker.client().listImagesCmd().withImageNameFilter(RYUK_IMAGE).exec().isEmpty();
        } catch (NotFoundException e) {
            return false;
        }
    }
}
