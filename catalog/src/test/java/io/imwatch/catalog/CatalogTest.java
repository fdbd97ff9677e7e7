package io.imwatch.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {

    private static final Catalog BUILTIN = Catalog.builtin();

    private static ByteArrayInputStream yaml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldLoadAllFiveBuiltinVendorsWithTheirSpaces() {
        assertThat(BUILTIN.vendors()).containsExactlyInAnyOrder("turms", "jmessage", "openim", "igap", "easemob");
        assertThat(BUILTIN.spaces())
                .extracting(CodeSpace::qualifiedName)
                .contains(
                        "turms/client",
                        "turms/response",
                        "turms/session-close",
                        "jmessage/server",
                        "openim/server",
                        "openim/client",
                        "openim/webhook",
                        "igap/error",
                        "easemob/webim");
    }

    @Test
    void shouldTellTurmsCodeSpacesApart() {
        CatalogEntry client = BUILTIN.find(BUILTIN.space("turms", "client"), 100, CatalogEntry.ANY_MINOR);
        CatalogEntry close = BUILTIN.find(BUILTIN.space("turms", "session-close"), 100, CatalogEntry.ANY_MINOR);

        assertThat(client.name()).isEqualTo("INVALID_REQUEST");
        assertThat(client.classification().sessionClose()).isNull();
        assertThat(close.name()).isEqualTo("ILLEGAL_REQUEST");
        assertThat(close.classification().sessionClose()).isEqualTo(SessionCloseReason.PROTOCOL_VIOLATION);
    }

    @Test
    void shouldPreferExactMinorThenAnyMinor() {
        CodeSpace igap = BUILTIN.space("igap", "error");

        assertThat(BUILTIN.find(igap, 111, 4).classification().codeClass()).isEqualTo(CodeClass.BLOCKED);
        assertThat(BUILTIN.find(igap, 111, 0).minor()).isEqualTo(CatalogEntry.ANY_MINOR);
        assertThat(BUILTIN.find(igap, 111, CatalogEntry.ANY_MINOR).name()).isEqualTo("USER_LOGIN_FAILED");
        assertThat(BUILTIN.find(igap, 100, 2).message()).isEqualTo("Invalid phoneNumber");
    }

    @Test
    void shouldClassifyUnlistedCodesInDeclaredRanges() {
        CatalogEntry sdk = BUILTIN.find(BUILTIN.space("openim", "client"), 10_123, CatalogEntry.ANY_MINOR);
        CatalogEntry hook = BUILTIN.find(BUILTIN.space("openim", "webhook"), 25_000, CatalogEntry.ANY_MINOR);

        assertThat(sdk.isRange()).isTrue();
        assertThat(sdk.classification().codeClass()).isEqualTo(CodeClass.CLIENT);
        assertThat(hook.classification().side()).isEqualTo(Side.WEBHOOK);
        assertThat(BUILTIN.find(BUILTIN.space("openim", "client"), 20_001, CatalogEntry.ANY_MINOR))
                .isNull();
    }

    @Test
    void shouldReturnNullForCodesNotInTheSpace() {
        assertThat(BUILTIN.find(BUILTIN.space("turms", "response"), 7100, CatalogEntry.ANY_MINOR))
                .isNull();
        assertThat(BUILTIN.space("turms", "nope")).isNull();
        assertThat(BUILTIN.space("nope", "response")).isNull();
    }

    @Test
    void shouldFindByNameExactlyOrUpperCased() {
        CodeSpace close = BUILTIN.space("turms", "session-close");
        assertThat(BUILTIN.findByName(close, "SERVER_CLOSED").code()).isEqualTo(201);
        assertThat(BUILTIN.findByName(close, "heartbeat_timeout").code()).isEqualTo(110);
        assertThat(BUILTIN.findByName(close, "NOT_A_STATUS")).isNull();
    }

    @Test
    void shouldListCandidatesAcrossVendorsWhenVendorIsUnknown() {
        assertThat(BUILTIN.candidates(null, null, 1001, CatalogEntry.ANY_MINOR))
                .extracting(e -> e.vendor() + "/" + e.space() + "/" + e.name())
                .containsExactlyInAnyOrder("turms/response/NO_CONTENT", "openim/server/ArgsError");
        assertThat(BUILTIN.candidates("turms", null, 100, CatalogEntry.ANY_MINOR))
                .extracting(CatalogEntry::space)
                .containsExactlyInAnyOrder("client", "session-close");
        assertThat(BUILTIN.candidates("turms", "response", 1001, CatalogEntry.ANY_MINOR))
                .hasSize(1);
        assertThat(BUILTIN.candidates(null, null, 123_456_789, CatalogEntry.ANY_MINOR))
                .isEmpty();
    }

    @Test
    void shouldGiveSameFingerprintForSameContentAndDifferentForDifferentContent() {
        String a =
                "vendor: a\nspaces: [{id: s, codes: [{code: 1, name: X, category: C, class: SERVER, severity: ERROR, side: SERVER, outcome: ERROR, retryable: true}]}]\n";
        String b =
                "vendor: b\nspaces: [{id: s, codes: [{code: 2, name: Y, category: C, class: SERVER, severity: ERROR, side: SERVER, outcome: ERROR, retryable: true}]}]\n";
        String ab =
                Catalog.builder().add("a", yaml(a)).add("b", yaml(b)).build().fingerprint();
        String ba =
                Catalog.builder().add("b", yaml(b)).add("a", yaml(a)).build().fingerprint();
        String aOnly = Catalog.builder().add("a", yaml(a)).build().fingerprint();

        assertThat(ab).hasSize(64).isEqualTo(ba).isNotEqualTo(aOnly);
        assertThat(Catalog.builtin().fingerprint()).isEqualTo(BUILTIN.fingerprint());
    }

    @Test
    void shouldRejectUserFileClashingWithBuiltinUnlessItOverrides(@TempDir Path dir) throws Exception {
        String body = "spaces: [{id: response, codes: [{code: 5005, name: SEND_MESSAGE_TO_MUTED_GROUP, category: C,"
                + " class: BLOCKED, severity: CRITICAL, side: SERVER, outcome: ERROR, retryable: false}]}]\n";
        Path clash = Files.writeString(dir.resolve("turms-extra.yaml"), "vendor: turms\n" + body);
        Path override = Files.writeString(dir.resolve("turms-override.yaml"), "vendor: turms\noverride: true\n" + body);

        assertThatThrownBy(() -> Catalog.builder().addBuiltins().addFile(clash).build())
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("turms-extra.yaml: space 'response' entry code 5005 minor *: duplicate key,"
                        + " already defined by turms.yaml");
        Catalog overridden = Catalog.builder().addBuiltins().addFile(override).build();
        assertThat(overridden
                        .find(overridden.space("turms", "response"), 5005, -1)
                        .classification()
                        .severity())
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void shouldLetUserFilesAddVendorsAndCodesToBuiltinSpaces(@TempDir Path dir) throws Exception {
        Path newer = Files.writeString(dir.resolve("turms-newer.yaml"), """
                vendor: turms
                spaces:
                  - id: response
                    defaults: {side: SERVER, outcome: ERROR, category: Newer release}
                    codes:
                      - {code: 7100, name: SOME_NEWER_CODE, class: SERVER, severity: ERROR, retryable: true}
                """);
        Catalog catalog = Catalog.builder().addBuiltins().addFile(newer).build();

        assertThat(catalog.find(catalog.space("turms", "response"), 7100, -1).source())
                .endsWith("turms-newer.yaml");
        assertThat(catalog.find(catalog.space("turms", "response"), 1000, -1).name())
                .isEqualTo("OK");
    }

    @Test
    void shouldNameMissingUserFile() {
        assertThatThrownBy(() -> Catalog.builder().addFile(Path.of("/no/such/catalog.yaml")))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("cannot read catalogue file /no/such/catalog.yaml");
    }
}
