package io.imwatch.app.cli;

import io.imwatch.catalog.Catalog;
import io.imwatch.classify.Classifier;
import io.imwatch.classify.rules.RuleSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every command that classifies shares: extra catalogue and rule files. */
public final class CatalogOptions {

    @Option(
            names = "--catalog",
            paramLabel = "FILE",
            description = "A catalogue YAML file to load besides the built-in ones (repeatable)."
                    + " See catalog/README.md for the format.")
    List<Path> catalogs = new ArrayList<>();

    @Option(
            names = "--rules",
            paramLabel = "FILE",
            description = "An extraction-rule YAML file to load besides the built-in ones (repeatable)."
                    + " See classify/README.md for the format.")
    List<Path> rules = new ArrayList<>();

    public Catalog catalog() {
        Catalog.Builder builder = Catalog.builder().addBuiltins();
        catalogs.forEach(builder::addFile);
        return builder.build();
    }

    public RuleSet ruleSet() {
        RuleSet.Builder builder = RuleSet.builder().addBuiltins();
        rules.forEach(builder::addFile);
        return builder.build();
    }

    public Classifier classifier(int maxEventBytes) {
        return new Classifier(catalog(), ruleSet(), maxEventBytes);
    }

    public List<Path> catalogFiles() {
        return List.copyOf(catalogs);
    }

    public List<Path> ruleFiles() {
        return List.copyOf(rules);
    }
}
