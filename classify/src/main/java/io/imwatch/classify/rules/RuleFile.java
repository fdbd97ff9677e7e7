package io.imwatch.classify.rules;

import io.imwatch.classify.event.EnvelopeFormat;
import java.util.List;

/**
 * One parsed rule file.
 *
 * @param source file name, for messages
 * @param vendor the vendor whose formats the rules read, or {@code null} for generic rules
 * @param hints lower-case words that name the vendor in envelope hint fields
 * @param envelope envelope fields the file adds
 * @param jsonRules rules over JSON payloads, in file order
 * @param textRules rules over text lines, in file order
 * @param spaceRefs every (rule id, space id) the file names, to check against the catalogue
 */
record RuleFile(
        String source,
        String vendor,
        List<String> hints,
        EnvelopeFormat envelope,
        List<JsonRule> jsonRules,
        List<TextRule> textRules,
        List<SpaceRef> spaceRefs) {

    /** A space named by a rule; {@code where} is {@code file:line: rule 'id'}. */
    record SpaceRef(String where, String vendor, String space) {}
}
