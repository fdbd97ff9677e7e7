/**
 * The detection simulator behind {@code imwatch simulate}: synthetic series with known spikes, judged by
 * the production {@code SpikeDetector}, to tune detector parameters offline. Used by {@code cli} only.
 */
package io.imwatch.app.cli.simulate;
