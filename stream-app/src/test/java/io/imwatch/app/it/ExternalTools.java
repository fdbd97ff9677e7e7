package io.imwatch.app.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that need an external binary (Prometheus, Alertmanager) skip when it is missing on a
 * developer machine, and fail when {@code -Dimwatch.require.tools=true} says it must be there
 * (CI installs them, so there a missing binary is a broken build, not a skipped test).
 */
public final class ExternalTools {

    private ExternalTools() {}

    public static boolean required() {
        return Boolean.getBoolean("imwatch.require.tools");
    }

    /** Skips (or, when tools are required, fails) unless {@code present}. */
    public static void assumePresent(boolean present, String tool, String install) {
        if (!present && required()) {
            throw new AssertionError(tool + " is required (imwatch.require.tools=true) but not installed: " + install);
        }
        assumeTrue(present, tool + " is not installed (" + install + "): skipping");
    }
}
