package dev.jailspec.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * its (simulated) host; {@code template=dist,pkgbase} builds each cell's template both ways. The Linux userland's axis is named after jailspec.linux.distribution and
 * sets that distribution's {@code jailspec.<name>.release}.
 */
public record Matrix(List<Cell> cells) {
    /** What a cell may vary. */
    public enum Axis {
        /** The FreeBSD release of the template (jailspec.freebsd.release). */
        FREEBSD,
        /** The Linux userland's release ({@code jailspec.<distribution>.release}); the axis is named after the distribution. */
        LINUX,
        /** The simulated host's own release (jailspec.sim.release, target sim only); by default the template's. */
        HOST,
        /** How the template is built, dist or pkgbase (jailspec.freebsd.template). */
        TEMPLATE;

        /** The axis's name in the matrix text. */
        public String word(String distribution) {
            return switch (this) {
                case FREEBSD -> "freebsd";
                case LINUX -> distribution;
                case HOST -> "host";
                case TEMPLATE -> "template";
            };
        }

        /** The setting this axis sets; empty for a distribution that has no release key. */
        Optional<Setting> setting(String distribution) {
            return switch (this) {
                case FREEBSD -> Optional.of(Setting.FREEBSD_RELEASE);
                case LINUX -> Setting.byKey("jailspec." + distribution + ".release");
                case HOST -> Optional.of(Setting.SIM_RELEASE);
                case TEMPLATE -> Optional.of(Setting.FREEBSD_TEMPLATE);
            };
        }

        static Optional<Axis> named(String word, String distribution) {
            return Arrays.stream(values()).filter(a -> a.word(distribution).equals(word)).findFirst();
        }

        static String names(String distribution) {
            return Arrays.stream(values()).map(a -> a.word(distribution)).collect(Collectors.joining(", "));
        }
    }

    /** One cell: a value for some of the axes (the others keep the run's settings), of the given distribution. */
    public record Cell(Map<Axis, String> values, String distribution) {
        public Cell {
            values = Collections.unmodifiableMap(new EnumMap<>(values));
            Objects.requireNonNull(distribution, "distribution");
        }

        /** "freebsd=14.5-RELEASE rocky=9": also the cell's directory name under reports/cells, with '_' for ' '. */
        public String id() {
            return values.entrySet().stream().map(e -> e.getKey().word(distribution) + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
        }

        /** The settings that make this cell, as jailspec keys. */
        public Map<String, String> settings() {
            Map<String, String> out = new LinkedHashMap<>();
            values.forEach((axis, value) -> out.put(axis.setting(distribution).orElseThrow().key(), value));
            return out;
        }
    }

    public Matrix {
        cells = List.copyOf(cells);
    }

    /**
     * Parses {@code text} for a run whose Linux userland is {@code distribution} (jailspec.linux.distribution);
     * a problem is an {@link IllegalArgumentException} that says what is wrong and what is allowed.
     */
    public static Matrix parse(String text, String distribution) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the matrix is empty: give axes such as freebsd=14.4-RELEASE,14.5-RELEASE;"
                    + linuxWord(distribution) + "=9,10");
        }
        Set<Cell> cells = new LinkedHashSet<>();
        for (String group : text.split("\\|", -1)) {
            cells.addAll(group(group.strip(), text, distribution));
        }
        return new Matrix(new ArrayList<>(cells));
    }

    /**
     * Empty when {@code text} has a matrix's form whatever the Linux distribution (any axis other than
     * freebsd, host and template is taken as the Linux userland's, its values only checked for being there), else
     * what is wrong: for the setting's own check, before the distribution in effect is known.
     */
    public static Optional<String> formProblem(String text) {
        return problem(text, null);
    }

    /** Empty when {@code text} parses, else what is wrong. */
    public static Optional<String> problem(String text, String distribution) {
        try {
            parse(text, distribution);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String linuxWord(String distribution) {
        return distribution == null ? "<distribution>" : distribution;
    }

    private static List<Cell> group(String group, String whole, String distribution) {
        if (group.isEmpty()) {
            throw new IllegalArgumentException("an empty group in '" + whole + "': groups are separated by |, each"
                    + " holds axes such as " + linuxWord(distribution) + "=9,10");
        }
        Map<Axis, List<String>> axes = new EnumMap<>(Axis.class);
        for (String part : group.split(";", -1)) {
            String axis = part.strip();
            int eq = axis.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + axis + "' in '" + whole + "' is not name=value,value: axes are "
                        + Axis.names(distribution));
            }
            String name = axis.substring(0, eq).strip();
            Axis a = distribution == null ? Axis.named(name, "").orElse(Axis.LINUX) : Axis.named(name, distribution).orElseThrow(() -> new IllegalArgumentException("unknown matrix axis '"
                    + name + "' in '" + whole + "': the axes are " + Axis.names(distribution)
                    + " (the Linux userland's axis is named after jailspec.linux.distribution)"));
            Setting setting = distribution == null && a == Axis.LINUX ? null : a.setting(distribution).orElseThrow(() -> new IllegalArgumentException("the Linux"
                    + " distribution " + distribution + " has no setting jailspec." + distribution + ".release to vary"));
            if (axes.containsKey(a)) {
                throw new IllegalArgumentException("the axis " + name + " is given twice in '" + group + "'");
            }
            List<String> values = Arrays.stream(axis.substring(eq + 1).split(",", -1)).map(String::strip).toList();
            for (String v : values) {
                if (v.isEmpty() || setting != null && !setting.accepts(v)) {
                    throw new IllegalArgumentException("'" + v + "' is not a value of the axis " + name
                            + (setting == null ? "" : " (" + setting.key() + "): " + setting.allowed()));
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
        return product.stream().map(values -> new Cell(values, distribution == null ? "" : distribution)).toList();
    }
}
