package io.imwatch.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The problems found while validating one YAML file, each written {@code file:line: where: what}.
 * Shared by every reader of imwatch's YAML files (catalogues, extraction rules).
 */
public final class YamlProblems {

    private final String source;
    private final LocatedYaml yaml;
    private final List<String> problems = new ArrayList<>();

    /** Starts with the file's duplicate keys, which YAML parsers otherwise resolve silently. */
    public YamlProblems(String source, LocatedYaml yaml) {
        this.source = source;
        this.yaml = yaml;
        yaml.duplicateKeys().forEach(d -> problems.add(source + ":" + d.substring("line ".length())));
    }

    /** Records that {@code where} (e.g. "rule 'x'") has problem {@code what} at node {@code at}. */
    public void add(JsonNode at, String where, String what) {
        problems.add(location(at) + where + ": " + what);
    }

    /** Records every key of {@code node} that is not {@code allowed}, listing the allowed ones. */
    public void unknownKeys(JsonNode node, Set<String> allowed, String where) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                add(
                        node.get(name),
                        where,
                        "unknown key '" + name + "'; allowed keys are "
                                + allowed.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    /** {@code file:line: } of the node, or {@code file: } when its line is unknown. */
    public String location(JsonNode node) {
        int line = node == null ? 0 : yaml.line(node);
        return source + (line > 0 ? ":" + line : "") + ": ";
    }

    public int count() {
        return problems.size();
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<String> list() {
        return List.copyOf(problems);
    }
}
