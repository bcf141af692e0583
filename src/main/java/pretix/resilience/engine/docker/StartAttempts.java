package pretix.resilience.engine.docker;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A stack's start, tried twice. On a starved machine a health check of pgpool can time out while
 * 19 nodes start, and the watchdog then fails a healthy primary over before the stack was ever
 * ready; such a stack is removed and one fresh one started, and the first one's failure is
 * printed. A start cut short by closing the stack (Ctrl-C, SIGTERM) is never tried again.
 */
public final class StartAttempts {

    private static final int ATTEMPTS = 2;
    /** How deep the cause of a failed start is looked for: Testcontainers wraps it three to four times. */
    private static final int MAX_CAUSES = 8;

    private StartAttempts() {}

    /** What a start throws when its stack was closed while it started: passed on, not tried again. */
    public static final class Abandoned extends RuntimeException {
        public Abandoned(RuntimeException failure) {
            super(failure.getMessage(), failure, false, false);
        }
    }

    public static <T> T run(Supplier<T> start, Consumer<String> progress) {
        for (int attempt = 1; ; attempt++) {
            try {
                return start.get();
            } catch (Abandoned e) {
                throw (RuntimeException) e.getCause();
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                progress.accept("the stack did not get ready (" + firstLine(e) + "); removed it, starting a fresh one"
                        + " (attempt " + (attempt + 1) + " of " + ATTEMPTS + ")");
            }
        }
    }

    private static String firstLine(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; depth < MAX_CAUSES && cause.getCause() != null; depth++) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
