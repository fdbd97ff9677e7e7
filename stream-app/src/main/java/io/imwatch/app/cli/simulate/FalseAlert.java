package io.imwatch.app.cli.simulate;

/**
 * An alert that fired away from every injected spike.
 *
 * @param series the series' name
 * @param window the window that fired, from the start of the simulation
 * @param count its event count
 * @param baseline the baseline it was judged against
 * @param normal the events the window was expected to hold
 */
public record FalseAlert(String series, long window, long count, double baseline, double normal) {}
