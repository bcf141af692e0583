package pretix.resilience.toxiproxy;

import java.nio.file.Path;

/** Toxiproxy's command-line flags, in Go's forms: {@code -port 8474}, {@code -port=8474}, {@code --port 8474}. */
record ServerOptions(String host, int port, Path config) {

    static final String USAGE = "usage: toxiproxy [-host HOST] [-port PORT] [-config FILE]";

    static ServerOptions parse(String... args) {
        String host = "localhost";
        int port = 8474;
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            String given = args[i];
            String flag = given.replaceFirst("^--?", "");
            String value;
            if (flag.contains("=")) {
                value = flag.substring(flag.indexOf('=') + 1);
                flag = flag.substring(0, flag.indexOf('='));
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("flag needs an argument: " + given);
            }
            switch (flag) {
                case "host" -> host = value;
                case "port" -> port = port(value);
                case "config" -> config = Path.of(value);
                default -> throw new IllegalArgumentException("flag provided but not defined: " + given);
            }
        }
        return new ServerOptions(host, port, config);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid value \"" + value + "\" for flag -port: a port is 0-65535");
    }
}
