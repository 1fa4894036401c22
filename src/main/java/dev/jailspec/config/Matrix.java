package dev.jailspec.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A release matrix ({@code jailspec.matrix}): the cells one {@code mvn verify} runs the features in,
 * each cell a set of settings.
 *
 * <p>Syntax: groups separated by {@code |}; a group is axes separated by {@code ;}, an axis
 * {@code name=value,value,...}; a group's cells are every combination of its axes' values, and the
 * matrix is the groups' cells in order, each once. E.g.
 * {@code freebsd=14.4-RELEASE,14.5-RELEASE;rocky=9,10 | host=14.4-RELEASE;freebsd=14.5-RELEASE;rocky=9}
 * is the 2 × 2 cells of two FreeBSD and two Rocky releases, and one cell with a template newer than
 * its (simulated) host.
 */
public record Matrix(List<Cell> cells) {
    /** What a cell may vary, and the setting each axis sets. */
    public enum Axis {
        /** The FreeBSD release of the template. */
        FREEBSD("freebsd", Setting.FREEBSD_RELEASE),
        /** The Rocky Linux major release. */
        ROCKY("rocky", Setting.ROCKY_RELEASE),
        /** The simulated host's own release (target sim only); by default the template's. */
        HOST("host", Setting.SIM_RELEASE);

        private final String word;
        private final Setting setting;

        Axis(String word, Setting setting) {
            this.word = word;
            this.setting = setting;
        }

        public String word() {
            return word;
        }

        public Setting setting() {
            return setting;
        }

        static Optional<Axis> named(String word) {
            return Arrays.stream(values()).filter(a -> a.word.equals(word)).findFirst();
        }

        static String names() {
            return Arrays.stream(values()).map(Axis::word).collect(Collectors.joining(", "));
        }
    }

    /** One cell: a value for some of the axes (the others keep the run's settings). */
    public record Cell(Map<Axis, String> values) {
        public Cell {
            values = Collections.unmodifiableMap(new EnumMap<>(values));
        }

        /** "freebsd=14.5-RELEASE rocky=9": also the cell's directory name under reports/cells, with '_' for ' '. */
        public String id() {
            return values.entrySet().stream().map(e -> e.getKey().word() + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
        }

        /** The settings that make this cell, as jailspec keys. */
        public Map<String, String> settings() {
            Map<String, String> out = new LinkedHashMap<>();
            values.forEach((axis, value) -> out.put(axis.setting().key(), value));
            return out;
        }
    }

    public Matrix {
        cells = List.copyOf(cells);
    }

    /** Parses {@code text}; a problem is an {@link IllegalArgumentException} that says what is wrong and what is allowed. */
    public static Matrix parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the matrix is empty: give axes such as freebsd=14.4-RELEASE,14.5-RELEASE;rocky=9,10");
        }
        Set<Cell> cells = new LinkedHashSet<>();
        for (String group : text.split("\\|", -1)) {
            cells.addAll(group(group.strip(), text));
        }
        return new Matrix(new ArrayList<>(cells));
    }

    /** Empty when {@code text} parses, else what is wrong. */
    public static Optional<String> problem(String text) {
        try {
            parse(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static List<Cell> group(String group, String whole) {
        if (group.isEmpty()) {
            throw new IllegalArgumentException("an empty group in '" + whole + "': groups are separated by |, each"
                    + " holds axes such as rocky=9,10");
        }
        Map<Axis, List<String>> axes = new EnumMap<>(Axis.class);
        for (String part : group.split(";", -1)) {
            String axis = part.strip();
            int eq = axis.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + axis + "' in '" + whole + "' is not name=value,value: axes are "
                        + Axis.names());
            }
            String name = axis.substring(0, eq).strip();
            Axis a = Axis.named(name).orElseThrow(() -> new IllegalArgumentException("unknown matrix axis '" + name
                    + "' in '" + whole + "': the axes are " + Axis.names()));
            if (axes.containsKey(a)) {
                throw new IllegalArgumentException("the axis " + name + " is given twice in '" + group + "'");
            }
            List<String> values = Arrays.stream(axis.substring(eq + 1).split(",", -1)).map(String::strip).toList();
            for (String v : values) {
                if (!a.setting().accepts(v) || v.isEmpty()) {
                    throw new IllegalArgumentException("'" + v + "' is not a value of the axis " + name + " ("
                            + a.setting().key() + "): " + a.setting().allowed());
                }
            }
            if (new LinkedHashSet<>(values).size() != values.size()) {
                throw new IllegalArgumentException("the axis " + name + " repeats a value: " + values);
            }
            axes.put(a, values);
        }
        List<Map<Axis, String>> product = new ArrayList<>(List.of(new EnumMap<>(Axis.class)));
        axes.forEach((axis, values) -> {
            List<Map<Axis, String>> next = new ArrayList<>();
            for (Map<Axis, String> partial : product) {
                for (String v : values) {
                    Map<Axis, String> cell = new EnumMap<>(Axis.class);
                    cell.putAll(partial);
                    cell.put(axis, v);
                    next.add(cell);
                }
            }
            product.clear();
            product.addAll(next);
        });
        return product.stream().map(Cell::new).toList();
    }
}
