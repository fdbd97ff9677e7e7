package io.imwatch.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the five vendor documents in {@code ../shared/seeds/} into (vendor, space, code, minor,
 * name) facts, independently of the YAML catalogues, so the two can be checked against each other.
 */
final class SeedDocuments {

    /** One code as a seed document lists it; {@code name} is null where the document gives none (OpenIM). */
    record SeedCode(String vendor, String space, int code, int minor, String name) {
        String key() {
            return vendor + "/" + space + "/" + code + "/" + (minor == CatalogEntry.ANY_MINOR ? "*" : minor);
        }
    }

    private static final Pattern TABLE_ROW_NAME_CODE =
            Pattern.compile("^\\|[^|]*\\|\\s*([A-Z][A-Z0-9_]*)\\s*\\|\\s*(\\d+)\\s*\\|");
    private static final Pattern CODE_FIRST_ROW = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|\\s*([^|]*?)\\s*(\\||$)");
    private static final Pattern TD = Pattern.compile("<td>(.*?)</td>", Pattern.DOTALL);
    private static final Pattern IGAP_MAJOR = Pattern.compile("^###.*Error\\s+(\\d+)\\s+-\\s+(\\S+?)\\.?\\s*$");
    private static final Pattern IGAP_MINOR = Pattern.compile("^\\|\\s*(\\d+|\\*)\\s*\\|");

    private SeedDocuments() {}

    /** The seeds folder beside the repository (as in CI), if present. */
    static Optional<Path> locate() {
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path seeds = dir.resolve("shared").resolve("seeds");
            if (Files.isDirectory(seeds)) {
                return Optional.of(seeds);
            }
        }
        return Optional.empty();
    }

    static List<SeedCode> readAll(Path seeds) throws IOException {
        List<SeedCode> out = new ArrayList<>();
        out.addAll(turms(Files.readAllLines(seeds.resolve("turms-status-codes.md"))));
        out.addAll(jmessage(Files.readString(seeds.resolve("jmessage-error-codes.md"))));
        out.addAll(openim(Files.readAllLines(seeds.resolve("openim-error-codes.md"))));
        out.addAll(igap(Files.readAllLines(seeds.resolve("igap-error-codes.md"))));
        out.addAll(easemob(Files.readAllLines(seeds.resolve("easemob-webim-error-codes.md"))));
        return out;
    }

    static List<SeedCode> turms(List<String> lines) {
        List<SeedCode> out = new ArrayList<>();
        String space = null;
        for (String line : lines) {
            if (line.startsWith("### Client unique")) {
                space = "client";
            } else if (line.startsWith("### Common Status")) {
                space = "response";
            } else if (line.startsWith("## SessionCloseStatus")) {
                space = "session-close";
            }
            Matcher m = TABLE_ROW_NAME_CODE.matcher(line);
            if (space != null && m.find()) {
                out.add(new SeedCode("turms", space, Integer.parseInt(m.group(2)), CatalogEntry.ANY_MINOR, m.group(1)));
            }
        }
        return out;
    }

    static List<SeedCode> jmessage(String html) {
        List<String> cells = new ArrayList<>();
        Matcher m = TD.matcher(html);
        while (m.find()) {
            cells.add(m.group(1).strip());
        }
        List<SeedCode> out = new ArrayList<>();
        for (int i = 0; i + 2 < cells.size(); i += 3) {
            // two rows have no Error Message; the catalogue names them by the vendor's Instructions text
            String name = cells.get(i + 1).isEmpty() ? cells.get(i + 2) : cells.get(i + 1);
            out.add(new SeedCode("jmessage", "server", Integer.parseInt(cells.get(i)), CatalogEntry.ANY_MINOR, name));
        }
        return out;
    }

    static List<SeedCode> openim(List<String> lines) {
        List<SeedCode> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = CODE_FIRST_ROW.matcher(line);
            if (m.find()) {
                out.add(new SeedCode("openim", "server", Integer.parseInt(m.group(1)), CatalogEntry.ANY_MINOR, null));
            }
        }
        return out;
    }

    static List<SeedCode> igap(List<String> lines) {
        List<SeedCode> out = new ArrayList<>();
        int major = -1;
        String name = null;
        for (String line : lines) {
            Matcher heading = IGAP_MAJOR.matcher(line);
            if (heading.find()) {
                major = Integer.parseInt(heading.group(1));
                name = heading.group(2);
                out.add(new SeedCode("igap", "error", major, CatalogEntry.ANY_MINOR, name));
                continue;
            }
            Matcher minor = IGAP_MINOR.matcher(line);
            if (major >= 0 && minor.find() && !minor.group(1).equals("*")) {
                out.add(new SeedCode("igap", "error", major, Integer.parseInt(minor.group(1)), name));
            }
        }
        return out;
    }

    static List<SeedCode> easemob(List<String> lines) {
        List<SeedCode> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = CODE_FIRST_ROW.matcher(line);
            if (m.find()) {
                out.add(new SeedCode(
                        "easemob",
                        "webim",
                        Integer.parseInt(m.group(1)),
                        CatalogEntry.ANY_MINOR,
                        m.group(2).strip()));
            }
        }
        return out;
    }
}
