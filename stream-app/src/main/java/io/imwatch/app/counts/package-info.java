/**
 * The counts branch: tumbling-window counts per (vendor, space, class, code) and per (vendor,
 * session-close reason), one final count per key and window on the counts topic.
 */
package io.imwatch.app.counts;
