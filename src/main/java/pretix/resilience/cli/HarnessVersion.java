package pretix.resilience.cli;

import picocli.CommandLine.IVersionProvider;
import pretix.resilience.run.Fingerprint;

/** The harness version as Maven packaged it. */
final class HarnessVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"pretix-resilience " + Fingerprint.currentHarnessVersion()};
    }
}
