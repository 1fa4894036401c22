package dev.jailspec.sim;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.ShellQuote;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state a transcript's host was in, as a short description a replay brings a fresh simulated
 * host to before it runs the transcript's command, so that what differs is the simulator and not
 * missing state. Written beside the transcript as {@code NNN.seed}:
 *
 * <pre>
 * # why: the recorded host ran jail myjail (VNET: jls shows no address)
 * host hostname=test pools=zroot release=14.3-RELEASE
 * file /etc/jail.conf.d/myjail.conf
 * | myjail { path = "/usr/jail/myjail"; host.hostname = "myjail.local"; persist; }
 * $ mkdir -p /usr/jail/myjail
 * $ service jail onestart myjail
 * </pre>
 *
 * {@code host} sets the fresh host's spec (any of hostname, pools and release, comma-separated
 * lists for pools); {@code file PATH [MODE]} writes the {@code | } lines below it (mode 0644 unless
 * given, octal); each
 * {@code $ } line is a command of the simulated host (split as sh would, {@link ShellQuote#split})
 * that must succeed. The seed uses only what the simulator itself models, so a seed that needs
 * more fails saying so.
 */
public record ReplaySeed(String name, SimHostSpec spec, List<Step> steps) {

    /** One step of the seed: a file to write or a command to run. */
    public sealed interface Step {
    }

    public record WriteFile(String path, int mode, String content) implements Step {
    }

    public record Run(List<String> argv) implements Step {
    }

    public ReplaySeed {
        steps = List.copyOf(steps);
    }

    /** A fresh host as the base spec makes it, nothing run: what a transcript without a seed replays on. */
    public static ReplaySeed none(SimHostSpec base) {
        return new ReplaySeed("(no seed)", base, List.of());
    }

    public static ReplaySeed parse(String name, String text, SimHostSpec base) {
        SimHostSpec spec = base;
        var steps = new ArrayList<Step>();
        String file = null;
        int mode = 0644;
        var content = new StringBuilder();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.startsWith("| ") || line.equals("|")) {
                if (file == null) {
                    throw bad(name, n, "a '| ' content line outside a 'file PATH'");
                }
                content.append(line.length() > 2 ? line.substring(2) : "").append('\n');
                continue;
            }
            if (file != null) {
                steps.add(new WriteFile(file, mode, content.toString()));
                file = null;
                content.setLength(0);
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("$ ")) {
                steps.add(new Run(ShellQuote.split(line.substring(2))));
            } else if (line.matches("file /\\S+( [0-7]{3,4})?")) {
                String[] f = line.split(" ");
                file = f[1];
                mode = f.length > 2 ? Integer.parseInt(f[2], 8) : 0644;
            } else if (line.startsWith("host ")) {
                spec = host(name, n, spec, line.substring("host ".length()));
            } else {
                throw bad(name, n, "expected '$ COMMAND', 'file /PATH [MODE]', '| CONTENT', 'host KEY=VALUE ...' or '# comment', got '"
                        + line + "'");
            }
        }
        if (file != null) {
            steps.add(new WriteFile(file, mode, content.toString()));
        }
        return new ReplaySeed(name, spec, steps);
    }

    private static SimHostSpec host(String name, int n, SimHostSpec spec, String settings) {
        for (String kv : settings.strip().split("\\s+")) {
            int eq = kv.indexOf('=');
            String key = eq < 0 ? kv : kv.substring(0, eq);
            String value = eq < 0 ? "" : kv.substring(eq + 1);
            spec = switch (key) {
                case "hostname" -> new SimHostSpec(spec.release(), value, spec.pools(), spec.interfaces());
                case "pools" -> spec.withPools(Arrays.asList(value.split(",")));
                case "release" -> spec.withRelease(value);
                default -> throw bad(name, n, "a host setting is hostname=, pools= or release=, got '" + kv + "'");
            };
        }
        return spec;
    }

    /** Brings {@code host} (made from {@link #spec()}) to the seeded state; a step that fails stops it. */
    public void apply(SimHost host) {
        for (Step s : steps) {
            if (s instanceof WriteFile w) {
                host.writeFile(w.path(), w.content().getBytes(StandardCharsets.UTF_8), w.mode());
            } else if (s instanceof Run r) {
                CommandResult result = host.run(Command.of(r.argv()));
                if (result.exitCode() != 0) {
                    throw new IllegalStateException(name + ": the seed command '" + ShellQuote.join(r.argv())
                            + "' exited " + result.exitCode() + ": " + (result.stderr() + result.stdout()).strip());
                }
            }
        }
    }

    private static IllegalArgumentException bad(String name, int line, String what) {
        return new IllegalArgumentException(name + " line " + line + ": " + what);
    }
}
