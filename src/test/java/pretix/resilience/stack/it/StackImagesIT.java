package pretix.resilience.stack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pretix.resilience.engine.docker.Docker;
import pretix.resilience.engine.docker.image.ImageBuildException;
import pretix.resilience.engine.docker.image.StackImages;

class StackImagesIT {

    @TempDir
    Path images;

    private final List<String> progress = new ArrayList<>();
    private final Set<String> built = new HashSet<>();

    @AfterEach
    void removeBuiltImages() {
        built.forEach(name -> Docker.client().removeImageCmd(name).withForce(true).exec());
    }

    @Test
    void anUnchangedImageIsBuiltOnceAndAChangedOneAgain() throws Exception {
        Files.createDirectories(images.resolve("redis"));
        Files.writeString(images.resolve("redis/Dockerfile"), "FROM " + StackImages.BASE_IMAGE + "\nLABEL probe=one\n");
        StackImages stackImages = new StackImages(Docker.client(), images, progress::add);

        String first = build(stackImages);
        assertThat(progress).anyMatch(line -> line.startsWith("building image " + first))
                .anyMatch(line -> line.contains("Step 2/2 : LABEL probe=one"));

        progress.clear();
        assertThat(build(stackImages)).isEqualTo(first);
        assertThat(progress).isEmpty();

        Files.writeString(images.resolve("redis/Dockerfile"), "FROM " + StackImages.BASE_IMAGE + "\nLABEL probe=two\n");
        assertThat(build(stackImages)).isNotEqualTo(first).startsWith("pretix-resilience/redis:");
    }

    @Test
    void aFailedBuildNamesTheFailingStepAndShowsItsOutput() throws Exception {
        Files.createDirectories(images.resolve("sentinel"));
        Files.writeString(images.resolve("sentinel/Dockerfile"),
                "FROM " + StackImages.BASE_IMAGE + "\nRUN echo the-step-says-why && false\n");

        StackImages stackImages = new StackImages(Docker.client(), images, progress::add);
        Set<String> containersBefore = containerIds();
        assertThatThrownBy(() -> stackImages.ensureBuilt(List.of(stackImages.source("sentinel"))))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageContaining("failed at Step 2/2 : RUN echo the-step-says-why && false")
                .hasMessageContaining("the-step-says-why");
        assertThat(containerIds()).as("the failed step's container is removed").isEqualTo(containersBefore);
    }

    private static Set<String> containerIds() {
        return Docker.client().listContainersCmd().withShowAll(true).exec().stream()
                .map(Container::getId).collect(Collectors.toSet());
    }

    private String build(StackImages stackImages) {
        String name = stackImages.ensureBuilt(List.of(stackImages.source("redis"))).get("redis");
        built.add(name);
        return name;
    }
}
