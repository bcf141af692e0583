package pretix.resilience.result;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * One phase of a load profile: its level, the order rate it starts at and the one it ends at (a
 * linear ramp between them, or a constant rate when the two are equal), and how long it lasts;
 * {@code duration} is null for a last phase that lasts until the run ends.
 */
public record LoadPhase(LoadLevel level, double fromPerSecond, double toPerSecond, Duration duration) {

    /** The rate {@code offsetNanos} into the phase; a phase without an end holds its first rate. */
    public double perSecondAt(long offsetNanos) {
        if (duration == null || duration.isZero()) {
            return fromPerSecond;
        }
        double progress = Math.min(1, Math.max(0, offsetNanos / (double) duration.toNanos()));
        return fromPerSecond + (toPerSecond - fromPerSecond) * progress;
    }

    /** "peak 0.5 → 5 orders/s for 30 s". */
    public String describe() {
        String rate = fromPerSecond == toPerSecond ? rate(fromPerSecond) : rate(fromPerSecond) + " → "
                + rate(toPerSecond);
        return level.id() + " " + rate + " orders/s" + (duration == null ? "" : " for " + duration.toSeconds() + " s");
    }

    /** A rate as a file would state it: "5", "0.5", "0.25". */
    public static String rate(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
