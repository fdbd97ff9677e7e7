/**
 * The imwatch topology, a pure factory ({@link io.imwatch.app.topology.ImwatchTopology#build}): reads the
 * input topics, classifies each event, routes it to enriched, unknown or no-code, dead-letters what
 * cannot be read, and adds the counts and alerts branches.
 */
package io.imwatch.app.topology;
