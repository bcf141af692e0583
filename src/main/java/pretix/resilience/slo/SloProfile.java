package pretix.resilience.slo;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import pretix.resilience.result.LoadLevel;

/** A named set of objectives a scenario starts from and may override one by one. */
public enum SloProfile {
    /**
     * Our goal: Redis and PostgreSQL failover recovered within 5 s, nothing failing again after
     * the heal, no acknowledged order or write lost, no second writer, every tier complete within
     * 90 s of the heal, every order of
     * the steady state acknowledged, and at least half of the Docker host's memory left to
     * everything else at the stack's peak.
     */
    DEFAULT("default", List.of(new Slo.RecoveryTime(Duration.ofSeconds(5)), new Slo.HealDisruption(Duration.ZERO),
            new Slo.LostOrders(0),
            new Slo.LostWrites(0), new Slo.OrderIntegrity(), new Slo.SplitBrain(Duration.ZERO),
            new Slo.RedundancyRestored(Duration.ofSeconds(90)), new Slo.SteadyAvailability(1.0),
            new Slo.MemoryPeak(0.5))),
    /**
     * Section 2.1 of the operation report: 100 % availability in normal operation, 70 % during
     * peaks, a ticket purchase answered within 50 s, data integrity even while unavailable. With a
     * load profile, each of its normal phases must keep 100 % and each peak 70 %, whether or not a
     * fault is in effect; without one, the steady state stands for normal operation and the time
     * under a fault is held to the peak's 70 %.
     */
    SEED_SLA("seed-sla", List.of(new Slo.SteadyAvailability(1.0), new Slo.AvailabilityUnderFault(0.7),
            new Slo.LoadAvailability(LoadLevel.NORMAL, 1.0), new Slo.LoadAvailability(LoadLevel.PEAK, 0.7),
            new Slo.OrderLatencyMax(Duration.ofSeconds(50)), new Slo.LostOrders(0), new Slo.OrderIntegrity()));

    private final String id;
    private final List<Slo> objectives;

    SloProfile(String id, List<Slo> objectives) {
        this.id = id;
        this.objectives = objectives;
    }

    public String id() {
        return id;
    }

    public List<Slo> objectives() {
        return objectives;
    }

    public static Optional<SloProfile> byId(String id) {
        return Arrays.stream(values()).filter(profile -> profile.id.equals(id.toLowerCase(Locale.ROOT))).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(SloProfile::id).toList();
    }
}
