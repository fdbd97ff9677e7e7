package io.imwatch.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code imwatch catalog delete NAME…}: a tombstone per name, refused if what remains does not validate. */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Removes published files from topic.catalog (tombstones); the same as publish --delete NAME.")
final class CatalogDeleteCommand implements Callable<Integer> {

    @Parameters(
            arity = "1..*",
            paramLabel = "NAME",
            description = "Names of published files, as catalog list shows them.")
    List<String> names;

    @Mixin
    KafkaOptions kafka;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return CatalogPublishCommand.change(
                kafka, List.of(), names, spec.commandLine().getOut());
    }
}
