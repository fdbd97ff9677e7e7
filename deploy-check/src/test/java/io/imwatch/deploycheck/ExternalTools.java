package io.imwatch.deploycheck;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks that need an external binary (kubectl) skip when it is missing on a developer machine, and
 * fail when {@code -Dimwatch.require.tools=true} (CI exports {@code CI_REQUIRE_TOOLS=true}) says it
 * must be there. The same rule as stream-app's tests.
 */
public final class ExternalTools {

    private ExternalTools() {}

    /** Skips (or, when tools are required, fails) unless {@code present}. */
    public static void assumePresent(boolean present, String tool, String install) {
        if (!present && Boolean.getBoolean("imwatch.require.tools")) {
            throw new AssertionError(tool + " is required (imwatch.require.tools=true) but not installed: " + install);
        }
        assumeTrue(present, tool + " is not installed (" + install + "): skipping");
    }
}
