package pretix.resilience.slo;

import java.util.Locale;
import pretix.resilience.check.MemoryUse;

/** How SLO figures are written: one decimal, a dot, whatever the machine's locale. */
final class Figures {

    private Figures() {}

    static String format(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    static String millis(double millis) {
        return String.format(Locale.ROOT, "%.1f ms", millis);
    }

    static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", MemoryUse.mebibytes(bytes));
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }
}
