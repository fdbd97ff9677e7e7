package io.imwatch.classify.rules;

import java.util.List;

/**
 * How a rule decides the code space of a code it found: one fixed space, or the first of several
 * whose bounds hold the code (Turms {@code request_failed}: 1–999 client-only, else response).
 * Empty when the rule cannot tell, and the catalogue must list the candidates.
 */
public record SpaceChoice(List<Option> options) {

    /** No space known. */
    public static final SpaceChoice UNDECIDED = new SpaceChoice(List.of());

    /** @param space space id; {@code min}/{@code max} inclusive bounds on the code */
    public record Option(String space, long min, long max) {}

    public SpaceChoice {
        options = List.copyOf(options);
    }

    public static SpaceChoice of(String space) {
        return new SpaceChoice(List.of(new Option(space, Long.MIN_VALUE, Long.MAX_VALUE)));
    }

    /** The space for {@code code}, or {@code null} when undecided or no option's bounds hold it. */
    public String pick(long code) {
        for (Option option : options) {
            if (code >= option.min && code <= option.max) {
                return option.space;
            }
        }
        return null;
    }

    /** The first space, used for codes reported by name only; {@code null} when undecided. */
    public String first() {
        return options.isEmpty() ? null : options.get(0).space;
    }

    public boolean isUndecided() {
        return options.isEmpty();
    }
}
