package dev.jailspec.report.cucumberfixture;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;

/** Glue for the one real Cucumber run in CucumberEventBridgeTest; not part of the jail features. */
public class BridgeFixtureSteps {

    @Given("the bridge fixture passes")
    public void passes() {
    }

    @When("the bridge fixture fails")
    public void fails() {
        throw new AssertionError("fixture failure");
    }
}
