package dev.jailspec.event;

import java.time.Instant;

/**
 * Everything observable in a run. Records are immutable; listeners (Allure, the JSON-lines log,
 * the console, the runbook) see the same ordered stream.
 */
public sealed interface JailspecEvent permits
        RunStarted, RunFinished,
        ScenarioStarted, ScenarioFinished,
        StepStarted, StepFinished,
        CommandStarted, CommandOutput, CommandFinished, CommandTimedOut, CommandAborted,
        FileWritten, DatasetChanged, JailStateChanged,
        SettingsResolved, HostFactsResolved, WaitFinished, Note, DiagnosisCollected, JailKept, JailShared, LinuxTemplateUsed,
        DownloadProgress, DownloadRetrying, DownloadFinished, ArtifactResolved, ArchiveInspected, HostReconnect {

    Instant at();

    /** The name used for {@code "type"} in the event log, e.g. {@code "CommandFinished"}. */
    default String type() {
        return getClass().getSimpleName();
    }
}
