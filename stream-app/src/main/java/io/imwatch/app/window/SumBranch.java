package io.imwatch.app.window;

import java.util.Objects;

/**
 * One branch of the summing step: the sums of {@code keys}, kept in the {@link SumsStore} named
 * {@code storeName}, forwarded as the branch's own stream.
 *
 * @param name names the branch's processors ({@code sums-<name>})
 * @param storeName the branch's {@link SumsStore} (and so its changelog topic)
 * @param keys which sums a code counts towards
 */
public record SumBranch(String name, String storeName, SumKeys keys) {

    public SumBranch {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(storeName, "storeName");
        Objects.requireNonNull(keys, "keys");
    }
}
