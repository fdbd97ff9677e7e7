package io.imwatch.classify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imwatch.catalog.Catalog;
import io.imwatch.classify.event.MalformedEventException;
import io.imwatch.classify.event.MalformedReason;
import io.imwatch.classify.rules.RuleSet;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The per-record budget: the backstop that gives up a record the rules examine for too long. */
class RecordBudgetTest {

    private static Classifier withBudget(Duration budget) {
        return new Classifier(Catalog.builtin(), RuleSet.builtin(), Classifier.DEFAULT_MAX_EVENT_BYTES, budget);
    }

    @Test
    void shouldGiveUpARecordTheRulesExamineForLongerThanTheBudget() {
        // linear, but a megabyte through the iGap and generic regexes takes far longer than 1 ms
        byte[] line = ("majorCode=1" + " ".repeat(1_000_000) + "x code=5").getBytes(UTF_8);

        assertThatThrownBy(() -> withBudget(Duration.ofMillis(1)).classify(line, "igap", 0L))
                .isInstanceOfSatisfying(
                        MalformedEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedReason.OVER_BUDGET))
                .hasMessage("over-budget: the rules examined the record for longer than its budget of 1 ms;"
                        + " it was not classified");
    }

    @Test
    void shouldReadTheClockOnlyAfterManyCharactersSoOrdinaryRecordsNeverHitATinyBudget() {
        ClassifiedEvent event = withBudget(Duration.ofNanos(1))
                .classify("majorCode : 111 * minorCode : 4 * ProtoChatSendMessageResponse".getBytes(UTF_8), "igap", 0L);

        assertThat(event.codes()).extracting(ClassifiedCode::code).containsExactly(111);
    }

    @Test
    void shouldRefuseABudgetThatIsNotPositive() {
        assertThatThrownBy(() -> withBudget(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("budget must be positive, not PT0S");
    }

    @Test
    void shouldCountEachDistinctCodeOnceHoweverManyARecordHolds() {
        String line = IntStream.rangeClosed(1, 30_000)
                .mapToObj(i -> "code=" + (i % 20_000))
                .collect(Collectors.joining(" "));

        ClassifiedEvent event = withBudget(Duration.ofMinutes(1)).classify(line.getBytes(UTF_8), "turms", 0L);

        assertThat(event.codes()).hasSize(20_000);
    }
}
