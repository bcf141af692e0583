package pretix.resilience.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import pretix.resilience.ProjectHome;
import pretix.resilience.stack.Profile;

class ExportCommandTest {

    private static final Path COMPOSE = ProjectHome.directory().resolve("compose");

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theCommittedStackFileIsWhatTheGeneratorWrites(Profile profile) throws Exception {
        assertThat(Files.readString(COMPOSE.resolve(ExportCommand.fileName(profile))))
                .as("compose/%s differs from the topology model: run `./chaos export --profile %s`",
                        ExportCommand.fileName(profile), profile.id())
                .isEqualTo(ExportCommand.stackFile(profile, false).yaml());
        assertThat(Files.readString(COMPOSE.resolve(ExportCommand.linksFileName(profile))))
                .isEqualTo(ExportCommand.stackFile(profile, false).toxiproxyLinks());
    }
}
