package io.imwatch.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CatalogFileReaderTest {

    private static CatalogFile read(String yaml) {
        return CatalogFileReader.read("inhouse.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String HEADER = """
            vendor: inhouse
            product: In-house chat
            spaces:
              - id: api
                defaults: {side: SERVER, outcome: ERROR, category: API}
                codes:
            """;

    @Test
    void shouldReadEntriesApplyingSpaceDefaults() {
        CatalogFile file = read(HEADER + """
                      - {code: 42, name: QUOTA_FULL, class: LIMIT_EXCEEDED, severity: WARN, retryable: false}
                      - {code: 43, name: KICKED, class: SESSION, severity: WARN, retryable: false, sessionClose: KICKED_BY_OTHER_DEVICE, side: CLIENT}
                """);

        assertThat(file.vendor()).isEqualTo("inhouse");
        assertThat(file.spaces()).singleElement().satisfies(space -> {
            assertThat(space.id()).isEqualTo("api");
            assertThat(space.entries()).hasSize(2);
            CatalogEntry quota = space.entries().get(0);
            assertThat(quota.category()).isEqualTo("API");
            assertThat(quota.classification().side()).isEqualTo(Side.SERVER);
            assertThat(quota.minor()).isEqualTo(CatalogEntry.ANY_MINOR);
            CatalogEntry kicked = space.entries().get(1);
            assertThat(kicked.classification().side()).isEqualTo(Side.CLIENT);
            assertThat(kicked.classification().sessionClose()).isEqualTo(SessionCloseReason.KICKED_BY_OTHER_DEVICE);
        });
    }

    @Test
    void shouldNameFileLineEntryAndAllowedValuesForUnknownEnumValue() {
        assertThatThrownBy(() -> read(HEADER + """
                      - {code: 42, name: QUOTA_FULL, class: LIMITS, severity: WARN, retryable: false}
                """))
                .isInstanceOf(CatalogException.class)
                .satisfies(e -> assertThat(((CatalogException) e).problems())
                        .singleElement()
                        .asString()
                        .startsWith("inhouse.yaml:7: space 'api' entry code 42: unknown class 'LIMITS'")
                        .contains("expected one of SUCCESS, VALIDATION"));
    }

    @Test
    void shouldReportEveryProblemNotJustTheFirst() {
        assertThatThrownBy(() -> read(HEADER + """
                      - {code: 1, class: SERVER, severity: ERROR, retryable: true}
                      - {code: 2, name: B, class: SERVER, severity: LOUD, retryable: true}
                      - {code: 3, name: C, class: SERVER, severity: ERROR, retryable: maybe}
                      - {code: 4, name: D, clas: SERVER, severity: ERROR, retryable: true}
                """))
                .isInstanceOf(CatalogException.class)
                .satisfies(e -> assertThat(((CatalogException) e).problems())
                        .anySatisfy(p -> assertThat(p).contains(":7:").contains("code 1: missing 'name'"))
                        .anySatisfy(p -> assertThat(p).contains(":8:").contains("unknown severity 'LOUD'"))
                        .anySatisfy(p -> assertThat(p).contains(":9:").contains("'retryable' must be true or false"))
                        .anySatisfy(p -> assertThat(p).contains(":10:").contains("unknown key 'clas'"))
                        .anySatisfy(p -> assertThat(p).contains(":10:").contains("missing 'class'")));
    }

    @Test
    void shouldRejectDuplicateKeyNamingBothLines() {
        assertThatThrownBy(() -> read(HEADER + """
                      - {code: 42, name: A, class: SERVER, severity: ERROR, retryable: true}
                      - {code: 42, name: B, class: SERVER, severity: ERROR, retryable: true}
                """))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(
                        "inhouse.yaml:8: space 'api' entry code 42: duplicate key: code 42 minor * is already defined at line 7");
    }

    @Test
    void shouldKeepDistinctMinorsOfOneMajorApart() {
        CatalogFile file = read(HEADER + """
                      - {code: 111, minor: "*", name: LOGIN_FAILED, class: AUTH, severity: WARN, retryable: false}
                      - {code: 111, minor: 4, name: LOGIN_FAILED, message: User is blocked, class: BLOCKED, severity: WARN, retryable: false}
                """);
        assertThat(file.spaces().get(0).entries())
                .extracting(CatalogEntry::minor)
                .containsExactly(CatalogEntry.ANY_MINOR, 4);
    }

    @Test
    void shouldRejectReservedUnknownClassAndBadMinorAndBadVersions() {
        assertThatThrownBy(() -> read(HEADER + """
                      - {code: 1, name: A, class: UNKNOWN, severity: ERROR, retryable: true}
                      - {code: 2, minor: -3, name: B, class: SERVER, severity: ERROR, retryable: true}
                      - {code: 3, name: C, class: SERVER, severity: ERROR, retryable: true, versions: "about 4"}
                """))
                .isInstanceOf(CatalogException.class)
                .satisfies(e -> assertThat(((CatalogException) e).problems())
                        .anySatisfy(p -> assertThat(p).contains("class UNKNOWN is reserved"))
                        .anySatisfy(p -> assertThat(p).contains("'minor' must be \"*\" or an integer"))
                        .anySatisfy(
                                p -> assertThat(p).contains("bad 'versions': 'about' is not a version comparator")));
    }

    @Test
    void shouldReadRangeWithSpaceSide() {
        CatalogFile file = read("""
                vendor: inhouse
                spaces:
                  - id: sdk
                    defaults: {side: CLIENT}
                    range: {from: 10000, to: 20000, name: SDK_ERROR, category: SDK, class: CLIENT, severity: ERROR, outcome: ERROR, retryable: false}
                """);
        CatalogEntry range = file.spaces().get(0).entries().get(0);
        assertThat(range.isRange()).isTrue();
        assertThat(range.covers(15000)).isTrue();
        assertThat(range.covers(20001)).isFalse();
        assertThat(range.classification().side()).isEqualTo(Side.CLIENT);
    }

    @Test
    void shouldRejectFileWithoutSpacesOrWithBadVendorId() {
        assertThatThrownBy(() -> read("vendor: In House\n"))
                .isInstanceOf(CatalogException.class)
                .satisfies(e -> assertThat(((CatalogException) e).problems())
                        .anySatisfy(p -> assertThat(p).contains("'vendor' is 'In House'; use lower-case"))
                        .anySatisfy(p -> assertThat(p).contains("'spaces' must be a non-empty list")));
    }

    @Test
    void shouldReportBrokenYamlAsCatalogException() {
        assertThatThrownBy(() -> read("vendor: [unclosed\n"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("inhouse.yaml is not valid YAML");
    }
}
