package pretix.resilience.toxiproxy.toxic;

import java.util.Arrays;

/** Bytes read from one side of a connection, with the time they arrived. */
public record Chunk(byte[] data, long arrivalNanos) {

    public int length() {
        return data.length;
    }

    public Chunk slice(int from, int to) {
        return new Chunk(Arrays.copyOfRange(data, from, to), arrivalNanos);
    }
}
