package pretix.resilience.scenario;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A scenario file's text, or an error that names the file and, where there is one, the place:
 * not a file, too large, binary, or not UTF-8. Nothing a file holds makes reading it throw.
 */
final class ScenarioText {

    /** Far above any scenario, far below what would slow the reader down. */
    static final int LARGEST_BYTES = 1 << 20;

    private ScenarioText() {}

    static String read(Path path) throws ScenarioException {
        String file = path.toString();
        if (Files.isDirectory(path)) {
            throw error(file, 1, 1, "is a directory: give a scenario file such as scenarios/<name>.yaml, or --all");
        }
        byte[] bytes;
        try {
            if (Files.size(path) > LARGEST_BYTES) {
                throw error(file, 1, 1, "is " + Files.size(path) + " bytes: a scenario file is at most "
                        + LARGEST_BYTES / 1024 + " KiB");
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw error(file, 1, 1, "cannot be read: " + (Files.exists(path) ? e.getMessage() : "no such file"));
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw at(file, bytes, i, "is not text (a NUL byte): a scenario file is YAML in UTF-8");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        if (decoder.decode(in, out, true).isError()) {
            throw at(file, bytes, in.position(), "is not UTF-8 text (a byte that is no UTF-8 character):"
                    + " save the file as UTF-8");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static ScenarioException at(String file, byte[] bytes, int offset, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return error(file, line, offset - lineStart + 1, message);
    }

    private static ScenarioException error(String file, int line, int column, String message) {
        return new ScenarioException(List.of(new ScenarioError(file, line, column, message)));
    }
}
