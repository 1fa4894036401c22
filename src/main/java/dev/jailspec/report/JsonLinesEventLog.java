package dev.jailspec.report;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jailspec.event.DownloadFinished;
import dev.jailspec.event.EventListener;
import dev.jailspec.event.FileContent;
import dev.jailspec.event.Highlight;
import dev.jailspec.event.Stdin;
import dev.jailspec.event.JailspecEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes every event as one JSON object per line ({@code "type"}, {@code "at"}, then the record's
 * components by name), flushed per line so the file is readable while the run goes on and
 * complete up to the last event if the JVM dies.
 */
public final class JsonLinesEventLog implements EventListener, AutoCloseable {
    private final Path file;
    private final ObjectMapper json = new ObjectMapper().registerModule(instantsAsIsoText())
            .addMixIn(Highlight.class, NamedByType.class)
            .addMixIn(Stdin.class, NamedByType.class)
            .addMixIn(FileContent.class, NamedByType.class)
            .addMixIn(DownloadFinished.Destination.class, NamedByType.class)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final BufferedWriter out;

    /** The logs this JVM has open: a second writer would truncate the file under the first one. */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private final Path key;

    /**
     * Starts a new file (one per run), creating its directory. A file another log of this JVM still
     * writes is refused: both would write it, each at its own offset, and the lines would mix.
     */
    public JsonLinesEventLog(Path file) {
        this.file = file;
        this.key = file.toAbsolutePath().normalize();
        if (!OPEN.add(key)) {
            throw new IllegalStateException("the event log " + key + " is already being written by this JVM:"
                    + " close that log (ReportListeners.close) before starting another on the same file");
        }
        try {
            Files.createDirectories(key.getParent());
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            OPEN.remove(key);
            throw new UncheckedIOException("cannot open the event log " + file, e);
        }
    }

    /** The sealed values (a highlight, stdin, a file's content) say which kind they are: {@code "type": "Table"}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, property = "type")
    @JsonTypeIdResolver(SimpleNames.class)
    private interface NamedByType {
    }

    /** The record's simple name ({@code Table}, not {@code Highlight$Table}). */
    static final class SimpleNames extends com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase {
        @Override
        public String idFromValue(Object value) {
            return value.getClass().getSimpleName();
        }

        @Override
        public String idFromValueAndType(Object value, Class<?> suggestedType) {
            return idFromValue(value);
        }

        @Override
        public JsonTypeInfo.Id getMechanism() {
            return JsonTypeInfo.Id.CUSTOM;
        }
    }

    // Without jackson-datatype-jsr310 an Instant would come out as a bean; ISO-8601 text is what readers expect.
    private static SimpleModule instantsAsIsoText() {
        return new SimpleModule("instants").addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void on(JailspecEvent event) {
        ObjectNode line = json.createObjectNode().put("type", event.type());
        line.setAll((ObjectNode) json.valueToTree(event));
        try {
            out.write(json.writeValueAsString(line));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the event log " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the event log " + file, e);
        } finally {
            OPEN.remove(key);
        }
    }
}
