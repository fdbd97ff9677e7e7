package io.imwatch.app.window;

/**
 * A sum the summing step forwards: which branch it belongs to (its index in the step's branches)
 * and the sum.
 */
public record BranchSum(int branch, long value) {}
