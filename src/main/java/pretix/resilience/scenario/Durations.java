package pretix.resilience.scenario;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as scenario files write them: {@code 250ms}, {@code 5s}, {@code 1.5s}, {@code 2m}. */
final class Durations {

    static final String FORMS = "a duration such as 250ms, 5s, 1.5s or 2m";
    /** The longest duration a scenario may state: far beyond any run, short of any overflow. */
    static final Duration LONGEST = Duration.ofHours(24);
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)");

    private Durations() {}

    static Optional<Duration> parse(String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            return text.trim().equals("0") ? Optional.of(Duration.ZERO) : Optional.empty();
        }
        BigDecimal amount = new BigDecimal(matcher.group(1));
        BigDecimal millis = switch (matcher.group(2)) {
            case "ms" -> amount;
            case "s" -> amount.movePointRight(3);
            default -> amount.multiply(BigDecimal.valueOf(60_000));
        };
        // Saturated rather than wrapped: a huge number stays huge, and the caller says it is too long.
        return Optional.of(Duration.ofMillis(millis.min(BigDecimal.valueOf(LONGEST.toMillis() + 1)).longValue()));
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
