package pretix.resilience.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files no reader could take for a scenario: each is an error that names the file and the place,
 * never an exception, and one of them does not hide what the others hold.
 */
class UnreadableScenarioFilesTest {

    @TempDir
    Path directory;

    private ScenarioError onlyError(Path file) {
        ScenarioException thrown = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.read(file));
        assertThat(thrown).as("%s must be refused", file).isNotNull();
        assertThat(thrown.errors()).hasSize(1);
        assertThat(thrown.errors().get(0).file()).isEqualTo(file.toString());
        return thrown.errors().get(0);
    }

    @Test
    void aBinaryFileIsNotText() throws Exception {
        Path binary = Files.write(directory.resolve("binary.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', '\n', 1, 0, 2});
        assertThat(onlyError(binary)).isEqualTo(new ScenarioError(binary.toString(), 2, 2,
                "is not text (a NUL byte): a scenario file is YAML in UTF-8"));
    }

    @Test
    void latin1IsNotUtf8AndThePlaceIsNamed() throws Exception {
        Path latin1 = Files.write(directory.resolve("latin1.yaml"),
                "name: x\ndescription: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(onlyError(latin1)).isEqualTo(new ScenarioError(latin1.toString(), 2, 17,
                "is not UTF-8 text (a byte that is no UTF-8 character): save the file as UTF-8"));
    }

    @Test
    void aDirectoryAMissingFileAndAHugeFileAreNamed() throws Exception {
        Path folder = Files.createDirectory(directory.resolve("folder.yaml"));
        assertThat(onlyError(folder).message()).startsWith("is a directory");
        assertThat(onlyError(directory.resolve("missing.yaml")).message()).isEqualTo("cannot be read: no such file");
        Path huge = Files.writeString(directory.resolve("huge.yaml"), "description: \"" + "x".repeat(4_000_000) + "\"\n");
        assertThat(onlyError(huge).message()).isEqualTo("is 4000016 bytes: a scenario file is at most 1024 KiB");
    }

    @Test
    void everyFileIsReportedAndAFileGivenTwiceIsSaidSo() throws Exception {
        Path binary = Files.write(directory.resolve("binary.yaml"), new byte[] {0});
        Path valid = Path.of("scenarios/hardened-nginx-replica-killed.yaml");
        Path wrongTarget = Path.of("src/test/resources/scenarios/broken/unknown-target.yaml");

        ScenarioException thrown = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioCatalog.read(List.of(binary, valid, wrongTarget, valid)));

        assertThat(thrown.errors()).extracting(ScenarioError::file)
                .containsExactly(binary.toString(), wrongTarget.toString(), valid.toString());
        assertThat(thrown.errors().get(2).message()).isEqualTo("is given twice: each file runs once");
    }

    /**
     * Thousands of seeded mutations of the shipped files (lines dropped, doubled and swapped,
     * characters and bytes replaced, files cut short): each is a scenario or a list of errors
     * in its place, never an exception, and none takes long.
     */
    @Test
    void mutatedScenarioFilesNeverThrowAnythingButTheirErrors() throws Exception {
        List<Path> shipped = ScenarioCatalog.files(ScenarioCatalog.DIRECTORY);
        Random random = new Random(20261203);
        int refused = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] original = Files.readAllBytes(shipped.get(random.nextInt(shipped.size())));
            Path mutant = Files.write(directory.resolve("mutant-" + i + ".yaml"), mutate(original, random));
            long started = System.nanoTime();
            try {
                ScenarioReader.read(mutant);
            } catch (ScenarioException e) {
                refused++;
                assertThat(e.errors()).isNotEmpty().allSatisfy(error -> assertThat(error.file()).isEqualTo(mutant.toString()));
            } catch (RuntimeException e) {
                fail("mutant " + i + " threw " + e + ":\n" + Files.readString(mutant, StandardCharsets.ISO_8859_1), e);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("mutant %d", i)
                    .isLessThan(Duration.ofSeconds(1));
            Files.delete(mutant);
        }
        assertThat(refused).as("most mutations break a file").isGreaterThan(700);
    }

    private static byte[] mutate(byte[] original, Random random) {
        List<String> lines = new ArrayList<>(List.of(new String(original, StandardCharsets.UTF_8).split("\n", -1)));
        for (int edits = 1 + random.nextInt(3); edits > 0 && !lines.isEmpty(); edits--) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(6)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2 -> lines.set(at, line.isEmpty() ? "" : line.substring(0, random.nextInt(line.length())));
                case 3 -> lines.set(at, replaceOne(line, random, "0123456789:-[]{}&*!|>'\"#%@` \t.sm"));
                case 4 -> lines.set(at, "  ".repeat(random.nextInt(4)) + line.strip());
                default -> lines.add(at, lines.remove(random.nextInt(lines.size())));
            }
        }
        byte[] bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(20) == 0 && bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static String replaceOne(String line, Random random, String alphabet) {
        if (line.isEmpty()) {
            return String.valueOf(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        int at = random.nextInt(line.length());
        return line.substring(0, at) + alphabet.charAt(random.nextInt(alphabet.length())) + line.substring(at + 1);
    }
}
