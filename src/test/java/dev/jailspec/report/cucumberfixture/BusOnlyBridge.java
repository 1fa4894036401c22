package dev.jailspec.report.cucumberfixture;

import dev.jailspec.report.CucumberEventBridge;
import dev.jailspec.report.RunContext;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;

/**
 * The bridge as Cucumber builds it (by class name), but without the report listeners the real
 * plugin attaches, so a unit test's Cucumber run leaves the project's reports/ alone.
 */
public final class BusOnlyBridge implements ConcurrentEventListener {
    private final CucumberEventBridge bridge = new CucumberEventBridge(RunContext.bus(), RunContext.runId(), () -> "sim");

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        bridge.setEventPublisher(publisher);
    }
}
