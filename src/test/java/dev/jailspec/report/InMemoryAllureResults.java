package dev.jailspec.report;

import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects what an {@code AllureLifecycle} would write to allure-results. */
final class InMemoryAllureResults implements AllureResultsWriter {
    final List<TestResult> tests = new CopyOnWriteArrayList<>();
    final Map<String, String> attachments = new ConcurrentHashMap<>();

    @Override
    public void write(TestResult testResult) {
        tests.add(testResult);
    }

    @Override
    public void write(TestResultContainer testResultContainer) {
    }

    @Override
    public void write(String source, InputStream attachment) {
        try (attachment) {
            attachments.put(source, new String(attachment.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
