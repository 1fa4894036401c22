package dev.jailspec.report;

import dev.jailspec.event.CommandAborted;
import dev.jailspec.event.CommandFinished;
import dev.jailspec.event.CommandIntent;
import dev.jailspec.event.CommandKind;
import dev.jailspec.event.CommandOutput;
import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.CommandTimedOut;
import dev.jailspec.event.DownloadFinished;
import dev.jailspec.event.DownloadProgress;
import dev.jailspec.event.EventSubscriber;
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
public final class ProgressReporter implements EventSubscriber, AutoCloseable {
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
        final CommandKind kind;
        final String label;
        final Instant started;
        Instant lastShown;
        long bytes;
        long total = -1;
        long rate;
        int lines;
        String lastLine = "";

        Activity(CommandKind kind, String label, Instant started) {
            this.kind = kind;
            this.label = label;
            this.started = started;
            this.lastShown = started;
        }
    }

    @Override
    public void subscribeTo(Handlers on) {
        on.on(CommandStarted.class, this::commandStarted);
        on.on(CommandOutput.class, this::commandOutput);
        on.on(CommandFinished.class, e -> end(commandKey(e.id())));
        on.on(CommandTimedOut.class, e -> end(commandKey(e.id())));
        on.on(CommandAborted.class, e -> end(commandKey(e.id())));
        on.on(DownloadProgress.class, this::downloadProgress);
        on.on(DownloadFinished.class, e -> end(downloadKey(e.url())));
        // A download that failed for good, or a command whose transport broke, sends no end event.
        on.on(StepFinished.class, e -> endAll());
        on.on(ScenarioFinished.class, e -> endAll());
        on.on(RunFinished.class, e -> {
            endAll();
            stopTicker();
        });
    }

    private synchronized void commandStarted(CommandStarted e) {
        CommandIntent intent = e.command().intent();
        // A dnf listing is quick and only reads: no progress line for it.
        if (intent.kind().isLongActivity() && !(intent.kind() == CommandKind.DNF && intent.readOnly())) {
            activities.put(commandKey(e.id()), new Activity(intent.kind(), commandLabel(e.argv()), e.at()));
        }
    }

    private synchronized void commandOutput(CommandOutput e) {
        Activity a = activities.get(commandKey(e.id()));
        if (a != null) {
            a.lines++;
            if (!e.line().isBlank()) {
                a.lastLine = e.line().strip();
            }
            show(a, e.at());
        }
    }

    private synchronized void downloadProgress(DownloadProgress e) {
        Activity a = activities.computeIfAbsent(downloadKey(e.url()),
                k -> new Activity(CommandKind.DOWNLOAD, fileName(e.url()), e.at()));
        a.bytes = e.bytes();
        a.total = e.total();
        a.rate = e.bytesPerSecond();
        show(a, e.at());
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

    private synchronized void end(String key) {
        if (activities.remove(key) != null && console.terminal()) {
            console.clearStatus();
        }
    }

    private synchronized void endAll() {
        if (!activities.isEmpty()) {
            activities.clear();
            console.clearStatus();
        }
    }

    static String render(Activity a, Instant now) {
        String elapsed = seconds(Duration.between(a.started, now));
        return switch (a.kind) {
            case DOWNLOAD -> "  ... download " + a.label + ": " + bytes(a.bytes)
                    + (a.total > 0 ? " of " + bytes(a.total) + " (" + (a.bytes * 100 / a.total) + "%)" : "")
                    + (a.rate > 0 ? ", " + bytes(a.rate) + "/s" : "") + ", " + elapsed;
            case EXTRACT -> "  ... " + a.label + ": "
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
