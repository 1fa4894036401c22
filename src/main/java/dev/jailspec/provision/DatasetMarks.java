package dev.jailspec.provision;

import dev.jailspec.freebsd.ZfsGetParser;
import dev.jailspec.freebsd.ZfsProperty;
import dev.jailspec.freebsd.ZfsPropertySource;
import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The jailspec marks of datasets as {@code zfs get} reports them, counting only locally set
 * values (an inherited mark belongs to the parent, not to the dataset).
 */
final class DatasetMarks {
    static final List<String> MARK_PROPERTIES = List.of(Marks.OWNER, Marks.RUN, Marks.KEEP);
    private static final String PROPS = String.join(",", MARK_PROPERTIES);

    /** The local marks of one dataset or snapshot. */
    record Mark(String dataset, Optional<String> owner, Optional<String> run, Optional<String> keep) {
        boolean isJailspecs() {
            return owner.filter(Marks.OWNER_VALUE::equals).isPresent();
        }

        boolean isKept() {
            return isJailspecs() && keep.isPresent();
        }

        boolean isFromRun(String runId) {
            return isJailspecs() && run.filter(runId::equals).isPresent();
        }

        boolean isSnapshot() {
            return dataset.contains("@");
        }

        /** For messages: "jailspec:run=20260101-120000" or "no jailspec mark". */
        String describe() {
            if (!isJailspecs()) {
                return "no jailspec mark";
            }
            return Marks.RUN + "=" + run.orElse("?") + keep.map(k -> ", " + Marks.KEEP + "=" + k).orElse("");
        }
    }

    private final Host host;

    DatasetMarks(Host host) {
        this.host = host;
    }

    /** The marks of {@code name} and, when {@code recursive}, of everything below it (snapshots too); empty when it does not exist. */
    Map<String, Mark> read(String name, boolean recursive) {
        var argv = new java.util.ArrayList<>(List.of("zfs", "get", "-H", "-p", "-o", ZfsGetParser.COLUMNS));
        if (recursive) {
            argv.add("-r");
        }
        argv.add(PROPS);
        argv.add(name);
        CommandResult r = host.run(Command.probe(argv));
        if (r.exitCode() == 1 && r.stderr().contains("dataset does not exist")) {
            return Map.of();
        }
        return marks(ZfsGetParser.parseScripted(r.orThrow().stdout()));
    }

    /** The marks in {@code zfs get} lines (other properties among them are passed over), by dataset in output order. */
    static Map<String, Mark> marks(List<ZfsProperty> lines) {
        Map<String, Map<String, String>> local = new LinkedHashMap<>();
        for (ZfsProperty p : lines) {
            Map<String, String> props = local.computeIfAbsent(p.dataset(), k -> new LinkedHashMap<>());
            if (p.source().kind() == ZfsPropertySource.Kind.LOCAL && MARK_PROPERTIES.contains(p.property())) {
                p.valueIfSet().ifPresent(v -> props.put(p.property(), v));
            }
        }
        Map<String, Mark> marks = new LinkedHashMap<>();
        local.forEach((ds, props) -> marks.put(ds, new Mark(ds, Optional.ofNullable(props.get(Marks.OWNER)),
                Optional.ofNullable(props.get(Marks.RUN)), Optional.ofNullable(props.get(Marks.KEEP)))));
        return marks;
    }

    Optional<Mark> of(String name) {
        return Optional.ofNullable(read(name, false).get(name));
    }
}
