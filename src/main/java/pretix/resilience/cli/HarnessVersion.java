package pretix.resilience.cli;

import java.util.Objects;
import picocli.CommandLine.IVersionProvider;

/** The harness version as Maven packaged it. */
final class HarnessVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Objects.requireNonNullElse(getClass().getPackage().getImplementationVersion(), "development");
        return new String[] {"pretix-resilience " + version};
    }
}
