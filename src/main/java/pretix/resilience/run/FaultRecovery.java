package pretix.resilience.run;

/**
 * One fault's effect on buyers: when it was injected and healed (ms since the run began), its
 * recovery time (null: no clean window before the run ended) and the time from which every newly
 * sent order succeeded (null as well in results recorded before it was measured), and the orders
 * that failed or ended unknown from its injection until the next fault or the end.
 */
public record FaultRecovery(String fault, String node, long injectedMs, Long healedMs, Long recoveryMs,
                            Long newOrdersRecoveryMs, int orders, int failedOrders, int unknownOrders) {}
