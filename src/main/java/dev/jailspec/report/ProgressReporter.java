package dev.jailspec.report;

import dev.jailspec.event.CommandFinished;
import dev.jailspec.event.CommandOutput;
import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.CommandTimedOut;
import dev.jailspec.event.DownloadFinished;
import dev.jailspec.event.DownloadProgress;
import dev.jailspec.event.EventListener;
import dev.jailspec.event.JailspecEvent;
import dev.jailspec.event.RunFinished;
import dev.jailspec.event.ScenarioFinished;
import dev.jailspec.event.StepFinished;
import dev.jailspec.host.ShellQuote;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress of the long activities on the console: downloads (bytes, total, rate), extractions
 * (entries, i.e. lines tar printed, and time), freebsd-update and dnf (time and their latest
 * output line). On a terminal one status line is redrawn in place; otherwise a line is printed
 * at most every {@link #LINE_INTERVAL} per activity, and an activity shorter than that prints
 * nothing (the console reporter's line for the finished command says it all).
 *
 * <p>Time comes from the events' own timestamps, and from {@code clock} for the ticks that keep a
 * silent command (tar -xf prints nothing) visible; tests drive both.
 */
public final class ProgressReporter implements EventListener, AutoCloseable {
    static final Duration LINE_INTERVAL = Duration.ofSeconds(5);
    static final Duration REDRAW_INTERVAL = Duration.ofMillis(200);
    static final Duration TICK = Duration.ofSeconds(1);
    static final int MAX_LABEL = 70;
    static final int MAX_LAST_LINE = 90;

    private final LiveConsole console;
    private final Clock clock;
    private final Map<String, Activity> activities = new LinkedHashMap<>();
    private ScheduledExecutorService ticker;
    private Instant lastRedraw = Instant.EPOCH;

    /** Without a ticker: only events move the progress on (for tests). */
    public ProgressReporter(LiveConsole console, Clock clock) {
        this.console = console;
        this.clock = clock;
    }

    /** With a daemon thread that ticks every second, stopped by {@link #close()} or the end of the run. */
    public static ProgressReporter withTicker(LiveConsole console) {
        var reporter = new ProgressReporter(console, Clock.systemUTC());
        reporter.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jailspec-progress");
            t.setDaemon(true);
            return t;
        });
        reporter.ticker.scheduleAtFixedRate(reporter::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        return reporter;
    }

    private static final class Activity {
        final String kind;
        final String label;
        final Instant started;
        Instant lastShown;
        long bytes;
        long total = -1;
        long rate;
        int lines;
        String lastLine = "";

        Activity(String kind, String label, Instant started) {
            this.kind = kind;
            this.label = label;
            this.started = started;
            this.lastShown = started;
        }
    }

    @Override
    public synchronized void on(JailspecEvent event) {
        if (event instanceof CommandStarted e) {
            CommandKinds.longActivity(e.argv()).ifPresent(kind ->
                    activities.put(commandKey(e.id()), new Activity(kind, commandLabel(e.argv()), e.at())));
        } else if (event instanceof CommandOutput e) {
            Activity a = activities.get(commandKey(e.id()));
            if (a != null) {
                a.lines++;
                if (!e.line().isBlank()) {
                    a.lastLine = e.line().strip();
                }
                show(a, e.at());
            }
        } else if (event instanceof CommandFinished e) {
            end(commandKey(e.id()));
        } else if (event instanceof CommandTimedOut e) {
            end(commandKey(e.id()));
        } else if (event instanceof DownloadProgress e) {
            Activity a = activities.computeIfAbsent(downloadKey(e.url()),
                    k -> new Activity(CommandKinds.DOWNLOAD, fileName(e.url()), e.at()));
            a.bytes = e.bytes();
            a.total = e.total();
            a.rate = e.bytesPerSecond();
            show(a, e.at());
        } else if (event instanceof DownloadFinished e) {
            end(downloadKey(e.url()));
        } else if (event instanceof StepFinished || event instanceof ScenarioFinished) {
            // A download that failed for good, or a command whose transport broke, sends no end event.
            endAll();
        } else if (event instanceof RunFinished) {
            endAll();
            stopTicker();
        }
    }

    /** Shows the activities that went quiet: a silent extraction still says how long it has run. */
    public synchronized void tick() {
        Instant now = clock.instant();
        activities.values().forEach(a -> show(a, now));
    }

    private void show(Activity a, Instant now) {
        if (console.terminal()) {
            if (Duration.between(lastRedraw, now).compareTo(REDRAW_INTERVAL) >= 0) {
                console.status(render(a, now));
                lastRedraw = now;
            }
        } else if (Duration.between(a.lastShown, now).compareTo(LINE_INTERVAL) >= 0) {
            console.line(render(a, now));
            a.lastShown = now;
        }
    }

    private void end(String key) {
        if (activities.remove(key) != null && console.terminal()) {
            console.clearStatus();
        }
    }

    private void endAll() {
        if (!activities.isEmpty()) {
            activities.clear();
            console.clearStatus();
        }
    }

    static String render(Activity a, Instant now) {
        String elapsed = seconds(Duration.between(a.started, now));
        return switch (a.kind) {
            case CommandKinds.DOWNLOAD -> "  ... download " + a.label + ": " + bytes(a.bytes)
                    + (a.total > 0 ? " of " + bytes(a.total) + " (" + (a.bytes * 100 / a.total) + "%)" : "")
                    + (a.rate > 0 ? ", " + bytes(a.rate) + "/s" : "") + ", " + elapsed;
            case CommandKinds.EXTRACT -> "  ... " + a.label + ": "
                    + (a.lines > 0 ? a.lines + " entries, " : "") + elapsed;
            default -> "  ... " + a.label + ": " + elapsed
                    + (a.lastLine.isEmpty() ? ", no output yet" : ", last line: " + shorten(a.lastLine, MAX_LAST_LINE));
        };
    }

    private static String commandKey(long id) {
        return "command " + id;
    }

    private static String downloadKey(String url) {
        return "download " + url;
    }

    private static String commandLabel(java.util.List<String> argv) {
        return shorten(ShellQuote.join(argv), MAX_LABEL);
    }

    private static String fileName(String url) {
        String path = url.replaceAll("[?#].*$", "");
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String shorten(String s, int max) {
        return s.length() > max ? s.substring(0, max - 3) + "..." : s;
    }

    static String seconds(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
    }

    /** 1536 -> "1.5 KiB": binary units, one decimal. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    @Override
    public synchronized void close() {
        stopTicker();
        console.clearStatus();
    }
}
