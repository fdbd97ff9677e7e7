package io.imwatch.classify.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A delimited rule reads the same code field as the char-by-char loop it replaced (kept here as the
 * reference), on random lines of separators, field texts and the {@code after} marker.
 */
class DelimitedSamenessTest {

    private static final String[] PIECES = {
        "|", "||", " : ", ":", " ", "12", "4031", "-5", "abc", "99999999999", "1.5", ""
    };

    @Test
    void shouldReadTheSameFieldAsTheCharByCharLoop() {
        Random random = new Random(20_261_128L);
        int found = 0;
        for (int fieldCount : new int[] {1, 3, 10, 13}) {
            for (int codeField : new int[] {0, fieldCount / 2, fieldCount - 1}) {
                TextRule.Delimited delimited = new TextRule.Delimited(" : ", '|', fieldCount, codeField);
                TextRule rule = new TextRule(
                        "t", "turms", false, new String[0], null, delimited, SpaceChoice.of("response"), null);
                for (int n = 0; n < 5_000; n++) {
                    StringBuilder line = new StringBuilder();
                    if (random.nextBoolean()) {
                        // a record of about the right number of fields after the marker
                        line.append(PIECES[random.nextInt(PIECES.length)]).append(" : ");
                        int fields = fieldCount - 1 + random.nextInt(3);
                        for (int i = 0; i < fields; i++) {
                            line.append(i == 0 ? "" : "|").append(PIECES[random.nextInt(PIECES.length)]);
                        }
                    } else {
                        int pieces = random.nextInt(3 * fieldCount + 4);
                        for (int i = 0; i < pieces; i++) {
                            line.append(PIECES[random.nextInt(PIECES.length)]);
                            if (random.nextInt(3) == 0) {
                                line.append('|');
                            }
                        }
                    }
                    String text = line.toString();
                    Findings findings = new Findings(RecordBudget.start(Duration.ofSeconds(10)));
                    rule.extract(text, null, findings);
                    String actual = findings.codes().stream()
                                    .map(c -> Integer.toString(c.code()))
                                    .toList()
                            + " " + findings.sawCodeOutOfRange();
                    assertThat(actual).as("%s in %s", delimited, text).isEqualTo(reference(text, delimited));
                    found += findings.size();
                }
            }
        }
        assertThat(found).as("codes found at all").isGreaterThan(1_000);
    }

    /** The loop {@code TextRule.extractDelimited} had before: every char looked at. */
    private static String reference(String line, TextRule.Delimited delimited) {
        List<String> codes = new ArrayList<>();
        boolean outOfRange = false;
        int at = line.indexOf(delimited.after());
        if (at >= 0) {
            int fieldStart = at + delimited.after().length();
            int field = 0;
            int codeStart = -1;
            int codeEnd = -1;
            for (int i = fieldStart; i <= line.length(); i++) {
                if (i == line.length() || line.charAt(i) == delimited.separator()) {
                    if (field == delimited.codeField()) {
                        codeStart = fieldStart;
                        codeEnd = i;
                    }
                    field++;
                    fieldStart = i + 1;
                }
            }
            if (field == delimited.fieldCount() && codeStart >= 0) {
                int code = Numbers.parse(line, codeStart, codeEnd);
                if (code != RawCode.NO_CODE) {
                    codes.add(Integer.toString(code));
                } else {
                    outOfRange = Numbers.isOutOfRange(line, codeStart, codeEnd);
                }
            }
        }
        return codes + " " + outOfRange;
    }
}
