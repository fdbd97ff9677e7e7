package io.imwatch.classify.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.imwatch.catalog.Catalog;
import io.imwatch.catalog.CatalogEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EntryBytesTest {

    private final AtomicInteger encoded = new AtomicInteger();

    private byte[] encode(CatalogEntry entry) {
        encoded.incrementAndGet();
        return (entry.vendor() + "/" + entry.code()).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldEncodeEachEntryOnceAndGiveTheSameBytesAfter() {
        EntryBytes bytes = new EntryBytes(this::encode);
        CatalogEntry entry = Catalog.builtin().entries().get(0);

        byte[] first = bytes.of(entry);
        byte[] again = bytes.of(entry);

        assertThat(again).isSameAs(first);
        assertThat(encoded).hasValue(1);
    }

    @Test
    void shouldGiveEqualEntriesOfTwoCatalogueInstancesEqualBytesEachEncodedOnItsOwn() {
        EntryBytes bytes = new EntryBytes(this::encode);
        CatalogEntry one = Catalog.builtin().entries().get(0);
        CatalogEntry other = Catalog.builtin().entries().get(0);

        assertThat(other).isEqualTo(one).isNotSameAs(one);
        assertThat(bytes.of(other)).isEqualTo(bytes.of(one));
        assertThat(encoded).hasValue(2);
    }

    @Test
    void shouldForgetOldEntriesAtItsBoundSoCatalogueVersionsDoNotPileUp() {
        EntryBytes bytes = new EntryBytes(this::encode, 100);
        List<CatalogEntry> entries = new ArrayList<>();
        for (int version = 0; version < 3; version++) {
            entries.addAll(Catalog.builtin().entries());
        }

        for (CatalogEntry entry : entries) {
            bytes.of(entry);
            assertThat(bytes.size()).isLessThanOrEqualTo(100);
        }
        assertThat(bytes.of(entries.get(entries.size() - 1))).isEqualTo(encode(entries.get(entries.size() - 1)));
    }

    @Test
    void shouldKeepOneCachePerThread() throws InterruptedException {
        EntryBytes bytes = new EntryBytes(this::encode);
        CatalogEntry entry = Catalog.builtin().entries().get(0);
        bytes.of(entry);

        Thread other = new Thread(() -> bytes.of(entry));
        other.start();
        other.join();

        assertThat(encoded).hasValue(2);
        assertThat(bytes.size()).isEqualTo(1);
    }
}
