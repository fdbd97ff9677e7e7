package io.imwatch.app.cli;

import io.imwatch.app.config.ConfigProblem;
import io.imwatch.catalog.Catalog;
import io.imwatch.catalog.CatalogEntry;
import io.imwatch.catalog.Classification;
import io.imwatch.catalog.CodeSpace;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code imwatch explain [VENDOR] CODE [MINOR]}: what a code means, in every space that has it. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the catalogue entry of a code: imwatch explain turms 110; imwatch explain igap 111 4.",
            "Without VENDOR, prints every vendor's entry for the code. CODE may also be a symbolic name."
        })
public final class ExplainCommand implements Callable<Integer> {

    @Parameters(
            arity = "1..3",
            paramLabel = "[VENDOR] CODE [MINOR]",
            description = "Vendor (optional), code or name, minor code (iGap).")
    List<String> words = new ArrayList<>();

    @Mixin
    CatalogOptions catalogOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Catalog catalog = catalogOptions.catalog();
        String vendor = null;
        List<String> rest = new ArrayList<>(words);
        if (!isNumber(rest.get(0)) && (rest.size() > 1 || catalog.vendors().contains(rest.get(0)))) {
            vendor = rest.remove(0);
            if (!catalog.vendors().contains(vendor)) {
                throw new ConfigProblem("unknown vendor '" + vendor + "'; known vendors are " + catalog.vendors());
            }
        }
        if (rest.isEmpty() || rest.size() > 2 || (rest.size() == 2 && !isNumber(rest.get(1)))) {
            throw new ConfigProblem("usage: imwatch explain [VENDOR] CODE [MINOR], e.g. imwatch explain igap 111 4");
        }
        List<CatalogEntry> entries = find(catalog, vendor, rest);
        PrintWriter out = spec.commandLine().getOut();
        if (entries.isEmpty()) {
            out.println("No catalogue entry for " + String.join(" ", words)
                    + (vendor == null ? " in any vendor." : " in vendor " + vendor + "."));
            out.flush();
            return 1;
        }
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                out.println();
            }
            print(out, entries.get(i));
        }
        out.flush();
        return 0;
    }

    private static List<CatalogEntry> find(Catalog catalog, String vendor, List<String> rest) {
        String codeOrName = rest.get(0);
        int minor = rest.size() == 2 ? Integer.parseInt(rest.get(1)) : CatalogEntry.ANY_MINOR;
        if (isNumber(codeOrName)) {
            return catalog.candidates(vendor, null, Integer.parseInt(codeOrName), minor);
        }
        List<CatalogEntry> byName = new ArrayList<>();
        for (CodeSpace space : catalog.spaces()) {
            if (vendor == null || vendor.equals(space.vendor())) {
                CatalogEntry entry = catalog.findByName(space, codeOrName);
                if (entry != null) {
                    byName.add(entry);
                }
            }
        }
        return byName;
    }

    private static void print(PrintWriter out, CatalogEntry e) {
        Classification c = e.classification();
        String code = e.isRange() ? e.code() + "-" + e.codeTo() + " (range)" : Integer.toString(e.code());
        out.printf(
                "%s / %s / %s%s  %s%n",
                e.vendor(),
                e.space(),
                code,
                e.minor() == CatalogEntry.ANY_MINOR ? "" : " minor " + e.minor(),
                e.name());
        if (e.message() != null) {
            out.printf("  message:      %s%n", e.message());
        }
        out.printf("  category:     %s%n", e.category());
        if (e.description() != null) {
            out.printf("  description:  %s%n", e.description());
        }
        out.printf(
                "  class:        %s   severity: %s   side: %s   outcome: %s   retryable: %s%n",
                c.codeClass(), c.severity(), c.side(), c.outcome(), c.retryable());
        if (c.sessionClose() != null) {
            out.printf("  sessionClose: %s%n", c.sessionClose());
        }
        if (!e.versions().isAny()) {
            out.printf("  versions:     %s%n", e.versions());
        }
        out.printf("  source:       %s%n", e.source());
    }

    private static boolean isNumber(String s) {
        return s.matches("-?\\d{1,9}");
    }
}
