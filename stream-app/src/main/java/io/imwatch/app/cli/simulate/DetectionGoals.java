package io.imwatch.app.cli.simulate;

/**
 * The detection goal of the spike detector: every spike of at least 3× baseline, lasting at
 * least 2 windows with at least 30 events per window, is caught within 2 windows, with at most
 * one false alert per simulated day across all series.
 */
public final class DetectionGoals {

    public static final double MIN_MULTIPLE = 3;
    public static final double MIN_WINDOWS = 2;
    public static final double MIN_EVENTS = 30;
    public static final int MAX_DELAY = 2;
    public static final double MAX_FALSE_ALERTS_PER_DAY = 1.0;

    private DetectionGoals() {}
}
