package io.imwatch.app.alerts.detection;

/**
 * What a detector remembers about one series between windows.
 *
 * @param mean EWMA of the window counts (the baseline)
 * @param variance EWMA of their squared deviation
 * @param windows windows observed so far
 * @param firing whether the series is in a spike
 * @param calmWindows consecutive calm windows while firing
 * @param firingSince start of the window that fired, in epoch ms (0 when not firing)
 * @param peak highest count while firing
 */
public record DetectorState(
        double mean, double variance, long windows, boolean firing, int calmWindows, long firingSince, long peak) {

    public static final DetectorState INITIAL = new DetectorState(0, 0, 0, false, 0, 0, 0);
}
