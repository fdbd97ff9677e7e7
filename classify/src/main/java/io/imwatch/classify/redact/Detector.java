package io.imwatch.classify.redact;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The built-in detectors of sensitive values in string values and text lines. Each is a
 * hand-written scanner, linear in the text, that looks for its trigger characters before anything
 * else (see {@link Scanners}).
 */
public enum Detector {
    /**
     * Credentials: JWTs ({@code eyJ….….…}), {@code Bearer …} tokens, and values of keys named
     * {@code *token}, {@code authorization}, {@code password}, {@code passwd}, {@code *secret},
     * {@code apikey}/{@code api_key}/{@code api-key} ({@code token=…}, {@code "token":"…"}).
     */
    TOKEN,
    /** E-mail addresses: {@code local@domain.tld} with an alphabetic top-level label. */
    EMAIL,
    /**
     * Phone numbers: {@code +} and 7 to 15 digits (international), {@code (555) 123-4567},
     * {@code 555-123-4567}, trunk-prefixed national numbers ({@code 020 7946 0958}) and Chinese
     * mobiles ({@code 13800138000}); never fewer than 7 digits, so a 4–6 digit code is never one.
     */
    PHONE,
    /** IPv4 addresses: four dotted decimal octets of at most 255 (a port after them is kept). */
    IPV4,
    /** IPv6 addresses: full, {@code ::}-compressed, with an embedded IPv4 or a zone. */
    IPV6;

    /** The name used in settings and masks, e.g. {@code email}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a comma-separated list of detector names; {@code all}, {@code none} and {@code ip}
     * (both address families) are allowed too.
     *
     * @throws IllegalArgumentException naming the unknown entry and the names allowed
     */
    public static Set<Detector> parseList(String list) {
        EnumSet<Detector> out = EnumSet.noneOf(Detector.class);
        boolean none = false;
        for (String raw : list.split(",", -1)) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            switch (name) {
                case "" -> {}
                case "none", "off" -> none = true;
                case "all" -> out.addAll(EnumSet.allOf(Detector.class));
                case "ip" -> out.addAll(EnumSet.of(IPV4, IPV6));
                default -> {
                    try {
                        out.add(Detector.valueOf(name.toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown detector '" + raw.strip()
                                + "'; use a comma-separated list of token, email, phone, ipv4, ipv6, ip, all, or none");
                    }
                }
            }
        }
        if (none && !out.isEmpty()) {
            throw new IllegalArgumentException("'none' cannot be combined with detectors; give either none or a list");
        }
        return out;
    }
}
