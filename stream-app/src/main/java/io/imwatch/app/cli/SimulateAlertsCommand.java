package io.imwatch.app.cli;

import io.imwatch.app.alerts.rules.DetectorParams;
import io.imwatch.app.cli.simulate.DetectionReport;
import io.imwatch.app.cli.simulate.DetectionSimulator;
import io.imwatch.app.cli.simulate.Scenario;
import io.imwatch.app.cli.simulate.SimulationConfig;
import io.imwatch.app.cli.simulate.SimulationResult;
import io.imwatch.app.cli.simulate.SweepResult;
import io.imwatch.app.config.ConfigProblem;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code imwatch simulate}: runs the spike detector over seeded synthetic traffic and prints
 * recall, detection delay and false alerts per day, so that thresholds can be tuned offline.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the spike detector over seeded synthetic traffic (Poisson counts with a daily cycle, injected"
                    + " spikes, quiet series) and prints recall, detection delay and false alerts per day as Markdown.",
            "Detector options default to the built-in rule defaults. Exit status 1 when a run misses the goals:"
                    + " every spike of at least 3x baseline, lasting 2 windows or more with 30 events or more per window,"
                    + " caught within 2 windows, and at most 1 false alert per simulated day."
        })
public final class SimulateAlertsCommand implements Callable<Integer> {

    private static final DetectorParams D = DetectorParams.DEFAULTS;
    private static final SimulationConfig S = SimulationConfig.DEFAULT;

    @Option(names = "--seed", description = "Seed of the simulated traffic (default: ${DEFAULT-VALUE}).")
    long seed = S.seed();

    @Option(
            names = "--runs",
            description = "Seeds to run, from --seed up; above 1, prints one summary row (default: ${DEFAULT-VALUE}).")
    int runs = 1;

    @Option(names = "--days", description = "Scored days to simulate (default: ${DEFAULT-VALUE}).")
    int days = S.days();

    @Option(names = "--series", description = "Number of series (default: ${DEFAULT-VALUE}).")
    int series = S.series();

    @Option(names = "--spikes-per-day", description = "Spikes injected per series and day (default: ${DEFAULT-VALUE}).")
    int spikesPerDay = S.spikesPerDay();

    @Option(names = "--min-count", description = "Detector minCount (default: ${DEFAULT-VALUE}).")
    long minCount = D.minCount();

    @Option(names = "--factor", description = "Detector factor (default: ${DEFAULT-VALUE}).")
    double factor = D.factor();

    @Option(names = "--z-score", description = "Detector zScore (default: ${DEFAULT-VALUE}).")
    double zScore = D.zScore();

    @Option(names = "--warmup-windows", description = "Detector warmupWindows (default: ${DEFAULT-VALUE}).")
    int warmupWindows = D.warmupWindows();

    @Option(names = "--alpha", description = "Detector alpha (default: ${DEFAULT-VALUE}).")
    double alpha = D.alpha();

    @Option(names = "--resolve-factor", description = "Detector resolveFactor (default: ${DEFAULT-VALUE}).")
    double resolveFactor = D.resolveFactor();

    @Option(names = "--resolve-windows", description = "Detector resolveWindows (default: ${DEFAULT-VALUE}).")
    int resolveWindows = D.resolveWindows();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SimulationConfig config;
        DetectorParams params;
        try {
            config = new SimulationConfig(seed, days, series, spikesPerDay);
            params = new DetectorParams(minCount, factor, zScore, warmupWindows, alpha, resolveFactor, resolveWindows);
        } catch (IllegalArgumentException e) {
            throw new ConfigProblem(e.getMessage());
        }
        if (runs < 1) {
            throw new ConfigProblem("--runs must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean met;
        if (runs == 1) {
            SimulationResult result = DetectionSimulator.run(Scenario.generate(config), params);
            out.print(DetectionReport.markdown(result));
            met = result.meetsGoals();
        } else {
            SweepResult sweep = SweepResult.run(config, params, runs);
            out.print(DetectionReport.sweepMarkdown(sweep));
            met = sweep.seedsMeetingGoals() == runs;
        }
        out.flush();
        return met ? 0 : 1;
    }
}
