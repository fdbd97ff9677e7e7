package io.imwatch.app.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.imwatch.catalog.Catalog;
import io.imwatch.catalog.CatalogEntry;
import io.imwatch.catalog.CatalogException;
import io.imwatch.catalog.Classification;
import io.imwatch.classify.event.LogEventParser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code imwatch catalog export|validate|publish|list|delete|suggest}. */
@Command(
        name = "catalog",
        mixinStandardHelpOptions = true,
        description =
                "Export the catalogue, validate a user catalogue file, or change the live catalogue of the running"
                        + " instances (publish, list, delete) and draft entries for the codes they did not know (suggest).",
        subcommands = {
            CatalogCommand.Export.class,
            CatalogCommand.Validate.class,
            CatalogPublishCommand.class,
            CatalogListCommand.class,
            CatalogDeleteCommand.class,
            CatalogSuggestCommand.class
        })
public final class CatalogCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing subcommand: export, validate, publish, list, delete or suggest");
    }

    /** Every entry, one JSON object per line. */
    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Prints every catalogue entry, one JSON object per line.")
    static final class Export implements Callable<Integer> {

        enum Format {
            jsonl
        }

        @Option(
                names = "--format",
                defaultValue = "jsonl",
                description = "Output format: ${COMPLETION-CANDIDATES} (default).")
        Format format;

        @Mixin
        CatalogOptions catalogOptions;

        OutputStream stdout = System.out;

        @Override
        public Integer call() throws IOException {
            Catalog catalog = catalogOptions.catalog();
            try (JsonGenerator g = LogEventParser.mapper().getFactory().createGenerator(stdout)) {
                g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
                for (CatalogEntry entry : catalog.entries()) {
                    write(g, entry);
                }
                g.writeRaw('\n');
            }
            stdout.flush();
            return 0;
        }

        static void write(JsonGenerator g, CatalogEntry e) throws IOException {
            Classification c = e.classification();
            g.writeStartObject();
            g.writeStringField("vendor", e.vendor());
            g.writeStringField("space", e.space());
            g.writeNumberField("code", e.code());
            if (e.isRange()) {
                g.writeNumberField("codeTo", e.codeTo());
            }
            g.writeStringField("minor", e.minorText());
            g.writeStringField("name", e.name());
            g.writeStringField("message", e.message());
            g.writeStringField("category", e.category());
            g.writeStringField("description", e.description());
            g.writeStringField("class", c.codeClass().name());
            g.writeStringField("severity", c.severity().name());
            g.writeStringField("side", c.side().name());
            g.writeStringField("outcome", c.outcome().name());
            g.writeBooleanField("retryable", c.retryable());
            g.writeStringField(
                    "sessionClose",
                    c.sessionClose() == null ? null : c.sessionClose().name());
            g.writeStringField(
                    "versions", e.versions().isAny() ? null : e.versions().toString());
            g.writeStringField("source", e.source());
            g.writeEndObject();
        }
    }

    /** Loads user catalogue files on top of the built-ins and reports every problem. */
    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description = "Checks user catalogue files (with the built-ins, so clashes show). Exit 1 on problems.")
    static final class Validate implements Callable<Integer> {

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Catalogue YAML files.")
        List<Path> files;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Catalog.Builder builder = Catalog.builder().addBuiltins();
            try {
                files.forEach(builder::addFile);
                Catalog catalog = builder.build();
                for (Path file : files) {
                    long count = catalog.entries().stream()
                            .filter(e -> e.source().equals(file.toString()))
                            .count();
                    out.printf("OK %s: %d entries%n", file, count);
                }
                out.printf(
                        "catalogue fingerprint %s (%d entries)%n",
                        catalog.fingerprint(), catalog.entries().size());
                out.flush();
                return 0;
            } catch (CatalogException e) {
                err.println("imwatch: " + e.getMessage());
                err.flush();
                return 1;
            }
        }
    }
}
