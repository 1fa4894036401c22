package dev.jailspec.report;

import io.qameta.allure.Allure;
import java.nio.charset.StandardCharsets;

/**
 * For the test glue: attaches a text the step produced without a host command (a file read
 * through the host, say) to the current Allure step, so steps never import Allure themselves.
 * Does nothing outside a running Allure test.
 */
public final class Attachments {
    private Attachments() {
    }

    public static void text(String name, String content) {
        var allure = Allure.getLifecycle();
        if (allure.getCurrentTestCaseOrStep().isPresent()) {
            allure.addAttachment(name, "text/plain", ".txt", content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
