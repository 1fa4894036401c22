package dev.jailspec.report.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of the browser check that need no browser: reading the report, the DOM, the server. */
class BrowserCheckTest {
    @TempDir
    Path report;

    private void aReport() throws IOException {
        Files.createDirectories(report.resolve("data/test-cases"));
        Files.createDirectories(report.resolve("data/attachments"));
        Files.writeString(report.resolve("index.html"), "<html>report</html>");
        Files.writeString(report.resolve("data/suites.json"), """
                {"uid":"root","name":"suites","children":[{"name":"Thin jail","uid":"g1","children":[
                  {"name":"The jail's dataset is a clone","uid":"t1"},
                  {"name":"The jail starts","uid":"t2"}]}]}""");
        Files.writeString(report.resolve("data/test-cases/t2.json"), """
                {"uid":"t2","name":"The jail starts","testStage":{"steps":[{"name":"When the jail is started","steps":[
                  {"name":"$ zfs list -H -o name zdata","attachments":[{"uid":"a1","name":"stdout","source":"a1.txt"}]},
                  {"name":"$ service jail start lrdev","attachments":[
                     {"uid":"a2","name":"stdout","source":"a2.txt"},{"uid":"a3","name":"stderr","source":"a3.txt"}]}]}]}}""");
        Files.writeString(report.resolve("data/attachments/a1.txt"), "zdata\n");
        Files.writeString(report.resolve("data/attachments/a2.txt"), "Starting jails: lrdev.\n");
        Files.writeString(report.resolve("data/attachments/a3.txt"), "warning\n");
    }

    @Test
    void theScenariosAndTheMostTellingTranscriptAreReadFromTheReportData() throws IOException {
        aReport();

        assertThat(BrowserCheck.scenarioNames(report)).containsExactly("The jail's dataset is a clone", "The jail starts");
        assertThat(BrowserCheck.transcript(report)).contains(new BrowserCheck.Transcript("t2", "The jail starts",
                "$ service jail start lrdev", "a2", "Starting jails: lrdev.\n"));
    }

    @Test
    void theDomIsReadAsTextAndTheOpenAttachmentIsFound() {
        String dom = "<div class=\"pane\"><h2>The jail&#x27;s dataset &amp; more</h2></div><div class=\"modal\">"
                + "<pre class=\"attachment__text\">a &lt;b&gt;\nStarting jails: lrdev.\n</pre></div>";

        assertThat(BrowserCheck.text(dom)).contains("The jail's dataset & more");
        assertThat(BrowserCheck.attachmentText(dom)).contains("a <b>\nStarting jails: lrdev.\n");
        assertThat(BrowserCheck.attachmentText("<pre>other</pre>")).isEmpty();
    }

    @Test
    void chromiumIsFoundOnThePathOrNamedExplicitly(@TempDir Path bin) throws IOException {
        Path chromium = Files.writeString(bin.resolve("chromium"), "#!/bin/sh\n");
        assertThat(BrowserCheck.findChromium(null, "/nonexistent:" + bin)).isEmpty();  // not executable yet
        Files.setPosixFilePermissions(chromium, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(BrowserCheck.findChromium(null, "/nonexistent:" + bin)).contains(chromium);
        assertThat(BrowserCheck.findChromium(chromium.toString(), "")).contains(chromium);
        assertThat(BrowserCheck.findChromium(bin.resolve("nothing").toString(), bin.toString())).isEmpty();
        assertThat(BrowserCheck.isCi("true")).isTrue();
        assertThat(BrowserCheck.isCi(null)).isFalse();
        assertThat(BrowserCheck.isCi("false")).isFalse();
    }

    @Test
    void theServerServesTheReportAndNothingOutsideIt() throws Exception {
        aReport();
        Files.writeString(report.resolveSibling(report.getFileName() + "-secret"), "secret");
        var client = HttpClient.newHttpClient();
        try (var server = ReportServer.start(report)) {
            HttpResponse<String> index = client.send(HttpRequest.newBuilder(URI.create(server.url(""))).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> json = client.send(HttpRequest.newBuilder(URI.create(server.url("data/suites.json"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> outside = client.send(HttpRequest.newBuilder(URI.create(
                    server.url("%2e%2e/" + report.getFileName() + "-secret"))).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.body()).isEqualTo("<html>report</html>");
            assertThat(json.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(outside.statusCode()).isEqualTo(404);
        }
    }
}
