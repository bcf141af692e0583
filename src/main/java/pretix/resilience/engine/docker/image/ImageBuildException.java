package pretix.resilience.engine.docker.image;

/** An image that could not be built, with the failing step and what it printed last. */
public class ImageBuildException extends RuntimeException {

    public ImageBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
