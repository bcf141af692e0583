package pretix.resilience.engine.docker.image;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an image is built from: its directory under {@code compose/images}, plus files the
 * harness adds to the build context (the toxiproxy image takes the harness's jar).
 */
public record ImageSource(String name, Path directory, Map<String, Path> addedFiles) {

    public ImageSource {
        addedFiles = Map.copyOf(addedFiles);
    }

    public static ImageSource of(Path imagesDirectory, String name) {
        return new ImageSource(name, imagesDirectory.resolve(name), Map.of());
    }

    public ImageSource withFile(String contextName, Path file) {
        Map<String, Path> files = new LinkedHashMap<>(addedFiles);
        files.put(contextName, file);
        return new ImageSource(name, directory, files);
    }
}
