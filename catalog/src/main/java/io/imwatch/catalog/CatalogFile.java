package io.imwatch.catalog;

import java.util.List;

/**
 * One parsed and validated catalogue file.
 *
 * @param source the file's name, used in messages and on every entry
 * @param vendor the vendor id the file describes
 * @param product the vendor's product name
 * @param override whether the file's entries may replace earlier entries with the same key
 * @param spaces the code spaces, in file order
 */
record CatalogFile(String source, String vendor, String product, boolean override, List<Space> spaces) {

    /**
     * @param id space id
     * @param description what the space holds
     * @param entries listed codes and, if declared, the range entry
     */
    record Space(String id, String description, List<CatalogEntry> entries) {}
}
