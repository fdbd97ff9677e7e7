package io.imwatch.catalog;

import java.util.Objects;

/**
 * A vendor's code space: codes in different spaces of one vendor mean different things (Turms 100
 * is a client-only INVALID_REQUEST and a session-close ILLEGAL_REQUEST).
 *
 * @param vendor vendor id
 * @param id space id, unique within the vendor
 * @param description what the space holds
 * @param index dense number of the space within its catalogue, used for allocation-free lookup
 */
public record CodeSpace(String vendor, String id, String description, int index) {

    public CodeSpace {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(id, "id");
    }

    /** {@code vendor/space}, as shown in messages. */
    public String qualifiedName() {
        return vendor + "/" + id;
    }
}
