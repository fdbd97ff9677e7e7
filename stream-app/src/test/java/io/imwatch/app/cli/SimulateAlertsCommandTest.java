package io.imwatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imwatch.app.alerts.rules.DetectorParams;
import io.imwatch.app.config.ConfigProblem;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateAlertsCommandTest {

    private final StringWriter out = new StringWriter();

    private int run(SimulateAlertsCommand command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        return cli.execute(args);
    }

    @Test
    void shouldPrintTheReportWithTheDefaultDetector() {
        int status = run(new SimulateAlertsCommand(), "--days", "1", "--series", "10", "--seed", "5");

        assertThat(status).isIn(0, 1);
        assertThat(out.toString())
                .startsWith("### Spike detection quality (seed 5)")
                .contains("10 series", "1 scored days", "| Goal class: ≥3×", "False alerts:")
                .contains("minCount " + DetectorParams.DEFAULTS.minCount() + ",");
    }

    @Test
    void shouldOverrideDetectorParameters() {
        run(new SimulateAlertsCommand(), "--days", "1", "--series", "5", "--min-count", "7", "--z-score", "3.5");

        assertThat(out.toString()).contains("minCount 7,", "zScore 3.5,");
    }

    @Test
    void shouldExitWithOneWhenTheGoalsAreMissed() {
        int status = run(new SimulateAlertsCommand(), "--days", "1", "--series", "10", "--min-count", "1000");

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).contains("**Goals not met:**");
    }

    @Test
    void shouldSummariseSeveralSeedsInOneRow() {
        run(new SimulateAlertsCommand(), "--days", "1", "--series", "5", "--seed", "3", "--runs", "3");

        assertThat(out.toString())
                .startsWith("### Spike detection quality over 3 seeds (3 to 5)")
                .contains("| Detector | Goal class caught within 2 windows |");
    }

    @Test
    void shouldReportParametersOutOfRangeAsAConfigProblem() {
        SimulateAlertsCommand command = new SimulateAlertsCommand();
        new CommandLine(command).parseArgs("--factor", "0.5");

        assertThatThrownBy(command::call).isInstanceOf(ConfigProblem.class).hasMessageContaining("factor > 1");
    }
}
