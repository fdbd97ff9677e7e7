package io.imwatch.app.cli.simulate;

/**
 * What the detector made of one injected spike.
 *
 * @param spike the spike
 * @param series the series' name
 * @param normalPerWindow the series' normal events per window while the spike lasted
 * @param eventsPerWindow events per window while it lasted, normal traffic included
 * @param multiple {@code eventsPerWindow / normalPerWindow}
 * @param delay windows from the first window the spike touches to the window whose close fired
 *     the alert, counting both (1: the first touched window fired); 0 when it was missed
 */
public record SpikeOutcome(
        Spike spike, String series, double normalPerWindow, double eventsPerWindow, double multiple, int delay) {

    public boolean detected() {
        return delay > 0;
    }

    /**
     * Whether the spike is one the goal promises to catch: at least {@link
     * DetectionGoals#MIN_MULTIPLE} times normal, lasting at least {@link DetectionGoals#MIN_WINDOWS}
     * windows, with at least {@link DetectionGoals#MIN_EVENTS} events per window expected.
     */
    public boolean goalClass() {
        return multiple >= DetectionGoals.MIN_MULTIPLE
                && spike.length() >= DetectionGoals.MIN_WINDOWS
                && eventsPerWindow >= DetectionGoals.MIN_EVENTS;
    }
}
