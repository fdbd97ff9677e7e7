package io.imwatch.app.livecatalog;

import io.imwatch.classify.Classifier;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One immutable catalogue version: what a record is classified against, wholly.
 *
 * @param classifier the catalogue and rules of this version, built and validated
 * @param fingerprint {@value CatalogOverlay#SHORT} hex digits identifying the catalogue content and
 *     the rules (built-in, configured and published): equal on instances that classify alike
 * @param entries the number of catalogue entries
 * @param overlays the published files this version includes, by name
 */
public record CatalogVersion(
        Classifier classifier, String fingerprint, int entries, SortedMap<String, CatalogOverlay> overlays) {

    public CatalogVersion {
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(fingerprint, "fingerprint");
        overlays = Collections.unmodifiableSortedMap(new TreeMap<>(overlays));
    }
}
