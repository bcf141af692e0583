package pretix.resilience.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PgpoolViewTest {

    @Test
    void aWatchdogThatDoesNotYetSeeEveryOtherPgpoolIsAGap() {
        List<PgpoolView> views = List.of(watching("pgpool0", "pgpool0", 2), watching("pgpool1", "pgpool0", 1),
                watching("pgpool2", "pgpool0", 2));

        assertThat(PgpoolView.watchdogGaps(views, 3))
                .containsExactly("pgpool1's watchdog sees 1 of 2 other pgpools alive, leader pgpool0");
        assertThat(PgpoolView.watchdogGaps(List.of(views.get(0), views.get(2)), 3)).isEmpty();
    }

    @Test
    void twoLeadersOrASilentPgpoolAreGapsAndNoWatchdogIsNone() {
        List<PgpoolView> split = List.of(watching("pgpool0", "pgpool0", 1), watching("pgpool1", "pgpool1", 1));
        assertThat(PgpoolView.watchdogGaps(split, 2)).hasSize(2);
        assertThat(PgpoolView.watchdogGaps(List.of(PgpoolView.unreachable("pgpool0", "connection refused")), 1))
                .containsExactly("pgpool0: connection refused");
        assertThat(PgpoolView.watchdogGaps(List.of(new PgpoolView("pgpool0", true, List.of(), null, null)), 2))
                .isEmpty();
    }

    private static PgpoolView watching(String node, String leader, int alive) {
        return new PgpoolView(node, true, List.of(), new PgpoolView.Watchdog(leader, alive, true), null);
    }
}
