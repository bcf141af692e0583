package pretix.resilience.engine.docker.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentHashTest {

    @TempDir
    Path directory;

    @BeforeEach
    void imageDirectory() throws Exception {
        Files.writeString(directory.resolve("Dockerfile"), "FROM debian:bookworm-slim\n");
        Files.writeString(directory.resolve("entrypoint"), "#!/bin/sh\n");
    }

    private ImageSource source() {
        return new ImageSource("probe", directory, Map.of());
    }

    @Test
    void anAddedFileCountsLikeOneInTheDirectory() throws Exception {
        Path jar = Files.writeString(directory.getParent().resolve(directory.getFileName() + ".jar"), "v1");
        String withJar = ContentHash.of(source().withFile("chaos.jar", jar), "sha256:base");

        assertThat(withJar).isNotEqualTo(ContentHash.of(source(), "sha256:base"));
        Files.writeString(jar, "v2");
        assertThat(ContentHash.of(source().withFile("chaos.jar", jar), "sha256:base")).isNotEqualTo(withJar);
    }

    @Test
    void staysTheSameForTheSameContent() {
        assertThat(ContentHash.of(source(), "sha256:base")).isEqualTo(ContentHash.of(source(), "sha256:base"))
                .hasSize(12);
    }

    @Test
    void changesWithAFileTheExecutableBitOrTheBaseImage() throws Exception {
        String before = ContentHash.of(source(), "sha256:base");

        assertThat(ContentHash.of(source(), "sha256:other-base")).isNotEqualTo(before);

        directory.resolve("entrypoint").toFile().setExecutable(true);
        String executable = ContentHash.of(source(), "sha256:base");
        assertThat(executable).isNotEqualTo(before);

        Files.writeString(directory.resolve("entrypoint"), "#!/bin/sh\nexit 0\n");
        assertThat(ContentHash.of(source(), "sha256:base")).isNotEqualTo(executable);
    }
}
