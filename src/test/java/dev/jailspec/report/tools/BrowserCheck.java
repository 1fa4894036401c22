package dev.jailspec.report.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Run by Maven after the report is made ({@code exec:java}, pom.xml): opens the Allure report in
 * headless Chromium over a loopback HTTP server (the report loads its data with XHR, which
 * file:// does not allow) and checks what a reader would see:
 * <ol>
 *   <li>the Suites page lists every scenario of the report;</li>
 *   <li>a scenario's page with one of its command transcripts opened shows that transcript;</li>
 * </ol>
 * and keeps a screenshot of the second page.
 *
 * <p>Arguments: the report directory, the screenshot file, and the mode: {@code required}
 * (no Chromium is an error: CI), {@code optional} (no Chromium prints a warning and the check is
 * skipped: a developer's machine), {@code auto} (required when the environment variable CI is
 * true, as {@code .ci/run} sets it), {@code skip}. The browser is found as {@code $CHROMIUM}, or
 * chromium, chromium-browser, google-chrome on the PATH.
 */
public final class BrowserCheck {
    static final int DOM_TIMEOUT_SECONDS = 60;
    static final String VIRTUAL_TIME_BUDGET_MS = "10000";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BrowserCheck() {
    }

    /** A scenario of the report and one command step's stdout attached to it. */
    record Transcript(String testUid, String testName, String stepName, String attachmentUid, String text) {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: BrowserCheck REPORT_DIR SCREENSHOT_FILE required|optional|auto|skip");
        }
        Path report = Path.of(args[0]);
        Path screenshot = Path.of(args[1]);
        boolean required = switch (args[2]) {
            case "required" -> true;
            case "optional" -> false;
            case "auto" -> isCi(System.getenv("CI"));
            case "skip" -> {
                System.out.println("[browser check] skipped (report.browserCheck=skip)");
                yield false;
            }
            default -> throw new IllegalArgumentException("report.browserCheck must be required, optional, auto or skip, got "
                    + args[2]);
        };
        if (args[2].equals("skip")) {
            return;
        }
        Optional<Path> chromium = findChromium(System.getenv("CHROMIUM"), System.getenv("PATH"));
        if (chromium.isEmpty()) {
            String explicit = System.getenv("CHROMIUM");
            String why = explicit != null && !explicit.isBlank()
                    ? "CHROMIUM=" + explicit + " is not an executable file"
                    : "no Chromium found (looked for chromium, chromium-browser, google-chrome on the PATH, and $CHROMIUM)";
            if (required) {
                throw new IllegalStateException("[browser check] " + why + ": the Allure report cannot be checked."
                        + " Install Debian's chromium package (apt-get install chromium), as .ci/run does.");
            }
            warn(why + ": the Allure report was NOT checked in a browser. Install Chromium (Debian: apt-get"
                    + " install chromium) to check it; CI requires it.");
            return;
        }
        if (!Files.isRegularFile(report.resolve("index.html"))) {
            if (required) {
                throw new IllegalStateException("[browser check] " + report.resolve("index.html") + " does not exist");
            }
            warn(report.resolve("index.html") + " does not exist: nothing to check");
            return;
        }
        check(chromium.get(), report, screenshot);
    }

    public static boolean isCi(String ci) {
        return ci != null && List.of("true", "1", "yes").contains(ci.strip().toLowerCase(Locale.ROOT));
    }

    static void check(Path chromium, Path report, Path screenshot) throws IOException, InterruptedException {
        List<String> scenarios = scenarioNames(report);
        if (scenarios.isEmpty()) {
            throw new IllegalStateException("[browser check] the report lists no scenarios (data/suites.json)");
        }
        Transcript transcript = transcript(report).orElseThrow(() -> new IllegalStateException(
                "[browser check] no command step with a stdout attachment in the report (data/test-cases)"));
        try (var server = ReportServer.start(report)) {
            String suites = text(dumpDom(chromium, server.url("index.html#suites")));
            List<String> missing = scenarios.stream().filter(name -> !suites.contains(name)).toList();
            if (!missing.isEmpty()) {
                throw new AssertionError("[browser check] the Suites page does not show " + missing.size() + " of "
                        + scenarios.size() + " scenarios, e.g. \"" + missing.get(0) + "\"");
            }
            String page = "index.html#testresult/" + transcript.testUid() + "?attachment="
                    + URLEncoder.encode(transcript.attachmentUid(), StandardCharsets.UTF_8);
            String dom = dumpDom(chromium, server.url(page));
            if (!text(dom).contains(transcript.testName())) {
                throw new AssertionError("[browser check] the page of \"" + transcript.testName() + "\" does not show its name");
            }
            String shown = attachmentText(dom).orElseThrow(() -> new AssertionError(
                    "[browser check] the transcript of `" + transcript.stepName() + "` is not shown on " + page));
            if (!shown.strip().equals(transcript.text().strip())) {
                throw new AssertionError("[browser check] the transcript of `" + transcript.stepName() + "` shows\n"
                        + shown + "\ninstead of\n" + transcript.text());
            }
            screenshot(chromium, server.url(page), screenshot);
            String matrix = checkMatrixPage(chromium, report, server);
            System.out.println("[browser check] passed: the Suites page shows all " + scenarios.size()
                    + " scenarios; \"" + transcript.testName() + "\" shows the stdout of `" + transcript.stepName()
                    + "`" + matrix + "; screenshot " + screenshot);
        }
    }

    /**
     * A matrix run's page (matrix.html beside index.html): it shows its summary and every cell, and a
     * result of the report links to it. Returns what was checked, for the summary line; "" without one.
     */
    private static String checkMatrixPage(Path chromium, Path report, ReportServer server) throws IOException,
            InterruptedException {
        Path page = report.resolve("matrix.html");
        if (!Files.isRegularFile(page)) {
            return "";
        }
        String source = Files.readString(page);
        Matcher summary = MATRIX_SUMMARY.matcher(source);
        if (!summary.find()) {
            throw new AssertionError("[browser check] matrix.html has no summary line");
        }
        String shown = text(dumpDom(chromium, server.url("matrix.html")));
        List<String> cells = new ArrayList<>();
        Matcher cell = MATRIX_CELL.matcher(source);
        while (cell.find()) {
            cells.add(cell.group(1));
        }
        List<String> missing = cells.stream().filter(c -> !shown.contains(c)).toList();
        if (!shown.contains(summary.group(1)) || cells.isEmpty() || !missing.isEmpty()) {
            throw new AssertionError("[browser check] matrix.html does not show its summary and cells in Chromium"
                    + (missing.isEmpty() ? "" : "; missing " + missing));
        }
        try (Stream<Path> files = Files.list(report.resolve("data/test-cases"))) {
            boolean linked = files.anyMatch(f -> read(f).contains("\"url\":\"matrix.html\""));
            if (!linked) {
                throw new AssertionError("[browser check] no result of the report links to matrix.html");
            }
        }
        return "; the matrix page shows \"" + summary.group(1) + "\" and its " + cells.size() + " cells";
    }

    private static final Pattern MATRIX_SUMMARY = Pattern.compile("<p id=\"summary\">([^<]*?) <a ");
    private static final Pattern MATRIX_CELL = Pattern.compile("<li class=\"cell\"[^>]*>([^<:]*):");

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- what the report holds ---

    static List<String> scenarioNames(Path report) throws IOException {
        var names = new ArrayList<String>();
        collectLeaves(JSON.readTree(report.resolve("data/suites.json").toFile()), names);
        return names;
    }

    private static void collectLeaves(JsonNode node, List<String> names) {
        if (node.has("children")) {
            node.get("children").forEach(child -> collectLeaves(child, names));
        } else if (node.has("uid") && node.has("name")) {
            names.add(node.get("name").asText());
        }
    }

    /** A stdout transcript to look for; the jail's start is the most telling, any command will do. */
    static Optional<Transcript> transcript(Path report) throws IOException {
        List<Transcript> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(report.resolve("data/test-cases"))) {
            for (Path f : files.sorted().toList()) {
                JsonNode test = JSON.readTree(f.toFile());
                collectTranscripts(test, test.path("testStage").path("steps"), report, found);
            }
        }
        return found.stream().min(Comparator.comparingInt(t -> preference(t.stepName())));
    }

    private static int preference(String step) {
        if (step.startsWith("$ service jail start")) {
            return 0;
        }
        if (step.startsWith("$ jls")) {
            return 1;
        }
        return step.startsWith("$ zfs list") ? 2 : 3;
    }

    private static void collectTranscripts(JsonNode test, JsonNode steps, Path report, List<Transcript> found)
            throws IOException {
        for (JsonNode step : steps) {
            String name = step.path("name").asText();
            if (name.startsWith("$ ")) {
                for (JsonNode a : step.path("attachments")) {
                    Path source = report.resolve("data/attachments").resolve(a.path("source").asText());
                    if (a.path("name").asText().equals("stdout") && Files.isRegularFile(source)) {
                        String text = Files.readString(source);
                        if (!text.isBlank()) {
                            found.add(new Transcript(test.path("uid").asText(), test.path("name").asText(), name,
                                    a.path("uid").asText(), text));
                        }
                    }
                }
            }
            collectTranscripts(test, step.path("steps"), report, found);
        }
    }

    // --- the browser ---

    static Optional<Path> findChromium(String explicit, String path) {
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        if (path == null) {
            return Optional.empty();
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    static String dumpDom(Path chromium, String url) throws IOException, InterruptedException {
        return new String(runChromium(chromium, List.of("--dump-dom", url)), StandardCharsets.UTF_8);
    }

    static void screenshot(Path chromium, String url, Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        runChromium(chromium, List.of("--window-size=1400,1000", "--screenshot=" + file.toAbsolutePath(), url));
        byte[] png = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        if (png.length < 8 || png[1] != 'P' || png[2] != 'N' || png[3] != 'G') {
            throw new AssertionError("[browser check] chromium wrote no PNG screenshot to " + file);
        }
    }

    /** Runs headless chromium with a fresh profile directory (removed afterwards); returns its stdout. */
    private static byte[] runChromium(Path chromium, List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("jailspec-chromium-");
        Path stderr = Files.createTempFile("jailspec-chromium-", ".log");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--virtual-time-budget=" + VIRTUAL_TIME_BUDGET_MS));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            p.getOutputStream().close();
            var out = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> copy(p.getInputStream(), out), "chromium-stdout");
            reader.start();
            if (!p.waitFor(DOM_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("[browser check] chromium did not finish within " + DOM_TIMEOUT_SECONDS
                        + " s: " + String.join(" ", command));
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
            if (p.exitValue() != 0) {
                List<String> log = Files.readAllLines(stderr);
                throw new IllegalStateException("[browser check] chromium exited " + p.exitValue() + ": "
                        + String.join(" ", command) + "\n"
                        + String.join("\n", log.subList(Math.max(0, log.size() - 15), log.size())));
            }
            return out.toByteArray();
        } finally {
            deleteTree(profile);
            Files.deleteIfExists(stderr);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // --- reading the DOM ---

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ATTACHMENT_TEXT = Pattern.compile(
            "<pre class=\"attachment__text\">(.*?)</pre>", Pattern.DOTALL);

    /** The text of the page: tags dropped, entities decoded, white space as in the source. */
    static String text(String html) {
        return unescape(TAG.matcher(html).replaceAll(" "));
    }

    /** The text of the attachment shown full screen (Allure's modal), if any. */
    static Optional<String> attachmentText(String html) {
        Matcher m = ATTACHMENT_TEXT.matcher(html);
        return m.find() ? Optional.of(unescape(TAG.matcher(m.group(1)).replaceAll(""))) : Optional.empty();
    }

    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'").replace("&nbsp;", " ").replace("\u00a0", " ").replace("&amp;", "&");
    }

    private static void warn(String message) {
        String bar = "*".repeat(100);
        System.out.println(bar + "\n[browser check] WARNING: " + message + "\n" + bar);
    }
}
