package io.imwatch.app.cli;

import picocli.CommandLine;

/** Reports the jar's version (from its manifest) and the built-in catalogue's fingerprint. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = ImwatchCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "imwatch " + (version == null ? "(development build)" : version),
            "built-in catalogue "
                    + io.imwatch.catalog.Catalog.builtin().fingerprint().substring(0, 12)
        };
    }
}
