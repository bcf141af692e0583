package pretix.resilience.stack.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void staysTheSameForTheSameContent() {
        assertThat(ContentHash.of(directory, "sha256:base")).isEqualTo(ContentHash.of(directory, "sha256:base"))
                .hasSize(12);
    }

    @Test
    void changesWithAFileTheExecutableBitOrTheBaseImage() throws Exception {
        String before = ContentHash.of(directory, "sha256:base");

        assertThat(ContentHash.of(directory, "sha256:other-base")).isNotEqualTo(before);

        directory.resolve("entrypoint").toFile().setExecutable(true);
        String executable = ContentHash.of(directory, "sha256:base");
        assertThat(executable).isNotEqualTo(before);

        Files.writeString(directory.resolve("entrypoint"), "#!/bin/sh\nexit 0\n");
        assertThat(ContentHash.of(directory, "sha256:base")).isNotEqualTo(executable);
    }
}
