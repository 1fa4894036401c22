package dev.jailspec.report;

import static dev.jailspec.report.TestCommands.cmd;
import static dev.jailspec.report.TestCommands.probe;
import static dev.jailspec.report.TestCommands.stdin;
import static dev.jailspec.report.TestCommands.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jailspec.event.CommandFinished;
import dev.jailspec.event.CommandOutput;
import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.DatasetChanged;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.SettingsResolved;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesEventLogTest {
    private static final Instant AT = Instant.parse("2025-03-14T09:30:12.345Z");
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    private List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(json.readTree(line));
        }
        return nodes;
    }

    @Test
    void writesOneObjectPerEventWithTypeTimeAndComponents() throws IOException {
        Path file = dir.resolve("reports/events.jsonl");
        var bus = new EventBus();
        try (var log = new JsonLinesEventLog(file)) {
            bus.subscribe(log);
            bus.publish(new CommandStarted(AT, 7, cmd(List.of("zfs", "list")), "sim"));
            bus.publish(new CommandOutput(AT, 7, "stdout", "zdata"));
            bus.publish(new CommandFinished(AT, 7, probe(List.of("zfs", "list")), 0, 12, "zdata\n", "", stdin("")));
            bus.publish(new DatasetChanged(AT, "zdata/jails/containers/lrdev", DatasetChanged.Change.CLONED, "from @base"));
            bus.publish(new SettingsResolved(AT, Map.of("zfs.root", "zdata/jails"), Map.of("zfs.root", "default")));

            // Flushed per line: readable before the log is closed.
            List<JsonNode> lines = read(file);
            assertThat(lines).extracting(node -> node.get("type").asText()).containsExactly(
                    "CommandStarted", "CommandOutput", "CommandFinished", "DatasetChanged", "SettingsResolved");
            assertThat(lines).allSatisfy(node -> assertThat(node.get("at").asText()).isEqualTo("2025-03-14T09:30:12.345Z"));

            JsonNode finished = lines.get(2);
            assertThat(finished.get("id").asLong()).isEqualTo(7);
            JsonNode command = finished.get("command");
            assertThat(command.get("argv").isArray()).isTrue();
            assertThat(command.get("argv")).extracting(JsonNode::asText).containsExactly("zfs", "list");
            assertThat(command.get("intent").get("kind").asText()).isEqualTo("DEFAULT");
            assertThat(command.get("intent").get("readOnly").asBoolean()).isTrue();
            assertThat(command.get("intent").get("highlight").get("type").asText()).isEqualTo("None");
            assertThat(finished.get("stdin").get("type").asText()).isEqualTo("None");
            assertThat(finished.get("exitCode").asInt()).isZero();
            assertThat(finished.get("durationMs").asLong()).isEqualTo(12);
            assertThat(finished.get("stdout").asText()).isEqualTo("zdata\n");
            assertThat(finished.fieldNames()).toIterable().startsWith("type", "at");

            assertThat(lines.get(1).get("line").asText()).isEqualTo("zdata");
            assertThat(lines.get(3).get("change").asText()).isEqualTo("CLONED");
            assertThat(lines.get(4).get("values").get("zfs.root").asText()).isEqualTo("zdata/jails");
        }
    }

    @Test
    void startsAFreshFileForEachRun() throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, "{\"type\":\"FromAnOldRun\"}\n");

        try (var log = new JsonLinesEventLog(file)) {
            log.on(new CommandOutput(AT, 1, "stderr", "warning"));
        }

        assertThat(read(file)).extracting(node -> node.get("type").asText()).containsExactly("CommandOutput");
    }

    @Test
    void aSecondWriterOnAFileThisJvmWritesIsRefusedAndTheFirstsLinesStayWhole() throws IOException {
        Path file = dir.resolve("reports/events.jsonl");
        try (var first = new JsonLinesEventLog(file)) {
            first.on(new CommandOutput(AT, 1, "stdout", "one"));
            // Before: a second writer truncated the file, the first went on at its own offset, lines mixed.
            assertThatThrownBy(() -> new JsonLinesEventLog(dir.resolve("reports/../reports/events.jsonl")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(file.toAbsolutePath().normalize() + " is already being written by this JVM")
                    .hasMessageContaining("close that log");
            first.on(new CommandOutput(AT, 1, "stdout", "two"));
        }
        assertThat(read(file)).extracting(node -> node.get("line").asText()).containsExactly("one", "two");
        try (var next = new JsonLinesEventLog(file)) { // closed: the file may be started again
            next.on(new CommandOutput(AT, 2, "stdout", "three"));
        }
        assertThat(read(file)).extracting(node -> node.get("line").asText()).containsExactly("three");
    }
}
