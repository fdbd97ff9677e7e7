package io.imwatch.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imwatch.catalog.SeedDocuments.SeedCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every code and iGap minor code of the seed documents is in the built-in catalogue, under the same name. */
class SeedCompletenessTest {

    private static List<SeedCode> seeds;
    private static Map<String, CatalogEntry> catalogue;

    @BeforeAll
    static void load() throws Exception {
        Optional<Path> dir = SeedDocuments.locate();
        assumeTrue(dir.isPresent(), "../shared/seeds is not beside this checkout");
        seeds = SeedDocuments.readAll(dir.get());
        catalogue = Catalog.builtin().entries().stream()
                .filter(e -> !e.isRange())
                .collect(Collectors.toMap(
                        e -> e.vendor() + "/" + e.space() + "/" + e.code() + "/" + e.minorText(), Function.identity()));
    }

    @Test
    void seedParserShouldFindEveryVendorsCodes() {
        Map<String, Long> perVendor =
                seeds.stream().collect(Collectors.groupingBy(SeedCode::vendor, Collectors.counting()));
        // floors, not exact counts: they catch a parser that silently stops matching a format
        assertThat(perVendor.get("turms")).isEqualTo(180);
        assertThat(perVendor.get("jmessage")).isEqualTo(148);
        assertThat(perVendor.get("openim")).isGreaterThan(30);
        assertThat(perVendor.get("igap")).isGreaterThan(250);
        assertThat(perVendor.get("easemob")).isGreaterThan(85);
    }

    @Test
    void everySeedCodeShouldBeInTheCatalogueUnderItsSeedName() {
        List<String> missing = new ArrayList<>();
        List<String> renamed = new ArrayList<>();
        for (SeedCode seed : seeds) {
            CatalogEntry entry = catalogue.get(seed.key());
            if (entry == null) {
                missing.add(seed.key() + " " + seed.name());
            } else if (seed.name() != null && !seed.name().equals(entry.name())) {
                renamed.add(seed.key() + ": seed says '" + seed.name() + "', catalogue says '" + entry.name() + "'");
            }
        }
        assertThat(missing).as("seed codes missing from the catalogue").isEmpty();
        assertThat(renamed).as("seed codes under a different name").isEmpty();
    }
}
