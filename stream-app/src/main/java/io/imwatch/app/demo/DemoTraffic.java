package io.imwatch.app.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Realistic mixed-vendor IM log traffic in the formats of {@code LOG-FORMATS.md}: every vendor's
 * text lines, JSON logs, API bodies and SDK telemetry, some inside shipper envelopes; plus lines
 * without codes, unknown and ambiguous codes, and a few malformed records. Deterministic for a
 * given seed. Used by the embedded demo, the tests and the benchmarks. Not thread-safe.
 */
public final class DemoTraffic {

    /** A session-close spike: which vendor/close the extra events report. */
    public enum Spike {
        TURMS_HEARTBEAT_TIMEOUT,
        EASEMOB_KICKED_BY_OTHER_DEVICE,
        OPENIM_TOKEN_EXPIRED
    }

    private static final DateTimeFormatter VENDOR_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final DateTimeFormatter LOGCAT_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss.SSS");

    private final Random random;
    private final List<Weighted> mix;
    private final int totalWeight;

    private record Weighted(String kind, int weight, Function<Long, String> make) {}

    /**
     * @param seed the random seed; equal seeds give equal traffic
     * @param includeMalformed whether to mix in records that cannot be read (broken JSON, bad UTF-8)
     */
    public DemoTraffic(long seed, boolean includeMalformed) {
        this.random = new Random(seed);
        this.mix = List.of(
                new Weighted("turms-gateway-api", 220, this::turmsGatewayApi),
                new Weighted("turms-service-api", 90, this::turmsServiceApi),
                new Weighted("turms-session-closed", 40, this::turmsSessionClosed),
                new Weighted("turms-request-failed", 25, this::turmsRequestFailed),
                new Weighted("turms-admin-api-filebeat", 15, this::turmsAdminApi),
                new Weighted("openim-api-body", 90, this::openimApiBody),
                new Weighted("openim-zap-json", 50, this::openimZapJson),
                new Weighted("openim-console", 40, this::openimConsole),
                new Weighted("openim-console-fluentbit", 25, this::openimConsoleFluentBit),
                new Weighted("openim-sdk-event", 25, this::openimSdkEvent),
                new Weighted("jmessage-rest-error", 30, this::jmessageRest),
                new Weighted("jmessage-java-client", 25, this::jmessageJavaClient),
                new Weighted("jmessage-sdk-logcat", 25, this::jmessageLogcat),
                new Weighted("igap-error-response", 30, this::igapJson),
                new Weighted("igap-compact", 20, this::igapCompact),
                new Weighted("igap-verbose", 15, this::igapVerbose),
                new Weighted("easemob-onerror", 35, this::easemobOnError),
                new Weighted("easemob-console", 25, this::easemobConsole),
                new Weighted("no-code", 50, this::noCode),
                new Weighted("unknown-code", 15, this::unknownCode),
                new Weighted("ambiguous-code", 8, this::ambiguousCode),
                new Weighted("malformed-json", includeMalformed ? 4 : 0, t -> "{\"errCode\":1501,\"errMsg\":"),
                new Weighted("invalid-utf8", includeMalformed ? 2 : 0, t -> null));
        this.totalWeight = mix.stream().mapToInt(Weighted::weight).sum();
    }

    /** The next event of the ordinary mix, stamped {@code now}. */
    public DemoEvent next(long now) {
        int pick = random.nextInt(totalWeight);
        for (Weighted w : mix) {
            pick -= w.weight;
            if (pick < 0) {
                return event(w.kind, now, w.make.apply(now));
            }
        }
        throw new IllegalStateException("weights do not add up");
    }

    /** An extra session-close event of {@code spike}, stamped {@code now}. */
    public DemoEvent spike(Spike spike, long now) {
        String value = switch (spike) {
            case TURMS_HEARTBEAT_TIMEOUT ->
                "{\"ts\":\"" + iso(now) + "\",\"app\":\"chat-android\",\"sdk\":\"turms-client-kotlin\","
                        + "\"event\":\"session_closed\",\"userId\":\"" + userId()
                        + "\",\"closeStatus\":110,\"businessStatus\":null,"
                        + "\"reason\":\"heartbeat timeout\"}";
            case EASEMOB_KICKED_BY_OTHER_DEVICE ->
                "{\"ts\":\"" + iso(now) + "\",\"app\":\"webim\",\"event\":\"onError\","
                        + "\"sdkVersion\":\"1.8.2\",\"error\":{\"type\":206,\"message\":\"logged in on another device\"}}";
            case OPENIM_TOKEN_EXPIRED ->
                "{\"level\":\"WARN\",\"time\":\"" + vendorTime(now) + "\",\"logger\":\"openim-msggateway\","
                        + "\"caller\":\"msggateway/client.go:231\",\"msg\":\"token check failed\",\"PID\":311,\"version\":\"v3.8.3\","
                        + "\"operationID\":\"" + hex(8) + "\",\"error\":\"1501 TokenExpiredError\"}";
        };
        return event("spike-" + spike.name().toLowerCase(java.util.Locale.ROOT), now, value);
    }

    private DemoEvent event(String kind, long now, String value) {
        byte[] key = random.nextInt(4) == 0 ? null : Long.toString(userId()).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = value == null ? invalidUtf8() : value.getBytes(StandardCharsets.UTF_8);
        return new DemoEvent(kind, key, bytes, now);
    }

    // --- Turms -------------------------------------------------------------------------------

    private static final int[] TURMS_RESPONSE = {
        1000, 1000, 1000, 1000, 1000, 1000, 1000, 1001, 1002, 1101, 1102, 1106, 1200, 2011, 2100, 3000, 3003, 3403,
        3404, 5000, 5001, 5005, 5006, 5008, 5204, 6100
    };
    private static final String[] TURMS_REQUESTS = {
        "CREATE_MESSAGE_REQUEST",
        "UPDATE_GROUP_REQUEST",
        "QUERY_MESSAGES_REQUEST",
        "CREATE_GROUP_MEMBERS_REQUEST",
        "UPDATE_USER_ONLINE_STATUS_REQUEST",
        "DELETE_SESSION_REQUEST"
    };

    private String turmsGatewayApi(long now) {
        return vendorTime(now) + "  INFO G gw-" + hex(4) + "     " + (1_000_000_000_000_000L + random.nextInt(1 << 30))
                + " gateway-io-" + random.nextInt(8) + "               i.t.g.i.l.ClientApiLogging : "
                + random.nextInt(100_000) + "|"
                + userId() + "|" + pick("ANDROID", "IOS", "BROWSER", "DESKTOP") + "|1|10.1." + random.nextInt(255) + "."
                + random.nextInt(255) + "|" + random.nextInt(100_000) + "|" + pick(TURMS_REQUESTS) + "|"
                + (20 + random.nextInt(400))
                + "|" + vendorTime(now - 4) + "|" + pick(TURMS_RESPONSE) + "|null|" + random.nextInt(200) + "|"
                + random.nextInt(20);
    }

    private String turmsServiceApi(long now) {
        return vendorTime(now) + "  INFO S svc-0" + random.nextInt(4) + "                       turms-service-"
                + random.nextInt(8) + "            i.t.s.i.l.ClientApiLogging : " + userId() + "|"
                + pick("ANDROID", "IOS")
                + "|10.1.4." + random.nextInt(255) + "|" + random.nextInt(100_000) + "|" + pick(TURMS_REQUESTS) + "|"
                + random.nextInt(300) + "|" + vendorTime(now - 9) + "|" + pick(TURMS_RESPONSE) + "|null|"
                + random.nextInt(30);
    }

    private String turmsSessionClosed(long now) {
        int[] statuses = {500, 500, 500, 500, 110, 300, 501, 201, 600};
        int status = pick(statuses);
        if (random.nextBoolean()) {
            return "{\"ts\":\"" + iso(now)
                    + "\",\"app\":\"chat-android\",\"sdk\":\"turms-client-kotlin\",\"event\":\"session_closed\","
                    + "\"userId\":\"" + userId() + "\",\"closeStatus\":" + status
                    + ",\"businessStatus\":null,\"reason\":null}";
        }
        String name = switch (status) {
            case 500 -> "DISCONNECTED_BY_CLIENT";
            case 110 -> "HEARTBEAT_TIMEOUT";
            case 300 -> "CONNECTION_CLOSED";
            case 501 -> "DISCONNECTED_BY_OTHER_DEVICE";
            case 201 -> "SERVER_CLOSED";
            default -> "DISCONNECTED_BY_ADMIN";
        };
        return "{\"ts\":\"" + iso(now)
                + "\",\"sdk\":\"turms-client-js\",\"event\":\"session_closed\",\"closeStatus\":\"" + name
                + "\",\"webSocketStatusCode\":1006,\"webSocketReason\":\"\"}";
    }

    private String turmsRequestFailed(long now) {
        int code = pick(new int[] {102, 102, 101, 1, 1101, 5005});
        return "{\"ts\":\"" + iso(now)
                + "\",\"level\":\"warn\",\"sdk\":\"turms-client-js\",\"event\":\"request_failed\","
                + "\"requestType\":\"" + pick(TURMS_REQUESTS) + "\",\"code\":" + code
                + ",\"reason\":\"request failed\"}";
    }

    private String turmsAdminApi(long now) {
        int code = pick(new int[] {1000, 1000, 1300, 1302, 1303, 1304});
        return "{\"@timestamp\":\"" + iso(now)
                + "\",\"service\":{\"name\":\"turms-service\"},\"host\":{\"name\":\"svc-01\"},"
                + "\"log\":{\"file\":{\"path\":\"/var/log/turms/admin-api.log\"}},\"message\":\"{\\\"code\\\":" + code
                + ",\\\"reason\\\":\\\"admin request\\\"}\"}";
    }

    // --- OpenIM ------------------------------------------------------------------------------

    private static final int[] OPENIM_CODES = {
        0, 0, 0, 0, 0, 0, 500, 1001, 1002, 1004, 1101, 1201, 1203, 1204, 1302, 1402, 1501, 1502, 1506, 1601
    };
    private static final String[] OPENIM_NAMES = {
        "ArgsError",
        "TokenExpiredError",
        "GroupIDNotFoundError",
        "DismissedAlreadyError",
        "NotInGroupYetError",
        "UserIDNotFoundError",
        "ServerInternalError"
    };

    private String openimApiBody(long now) {
        int code = pick(OPENIM_CODES);
        return "{\"errCode\":" + code + ",\"errMsg\":\"" + (code == 0 ? "" : pick(OPENIM_NAMES))
                + "\",\"errDlt\":\"\",\"data\":null}";
    }

    private String openimZapJson(long now) {
        int code = pick(OPENIM_CODES);
        if (code == 0) {
            code = 1501;
        }
        return "{\"level\":\"WARN\",\"time\":\"" + vendorTime(now) + "\",\"logger\":\"openim-"
                + pick("msggateway", "api", "rpc-user")
                + "\",\"caller\":\"msggateway/client.go:231\",\"msg\":\"request failed\",\"PID\":"
                + (100 + random.nextInt(9000))
                + ",\"version\":\"v3.8.3\",\"operationID\":\"" + hex(8) + "\",\"error\":\"" + code + " "
                + pick(OPENIM_NAMES) + "\"}";
    }

    private String openimConsoleText(long now) {
        int code = pick(OPENIM_CODES);
        if (code == 0) {
            code = 1204;
        }
        return vendorTime(now) + "\t\u001b[31mERROR\u001b[0m\t\u001b[31m[PID:" + (100 + random.nextInt(9000))
                + "]     \u001b[0m\t"
                + "\u001b[31mopenim-rpc-group        \u001b[0m\t[version:v3.8.3]\t[group/group.go:512]      \tJoinGroup failed\t"
                + "{\"operationID\": \"" + hex(8) + "\", \"opUserID\": \"u_" + random.nextInt(999)
                + "\", \"error\": \"get group info groupID=g_"
                + random.nextInt(99) + ": " + code + " " + pick(OPENIM_NAMES) + "\"}";
    }

    private String openimConsole(long now) {
        return openimConsoleText(now);
    }

    private String openimConsoleFluentBit(long now) {
        String line = openimConsoleText(now)
                .replace("\\", "\\\\")
                .replace("\"", "\\\"")
                .replace("\t", "\\t")
                .replace("\u001b", "\\u001b");
        return "{\"date\":" + now / 1000.0 + ",\"log\":\"" + line
                + "\",\"kubernetes\":{\"container_name\":\"openim-rpc-group\"," + "\"namespace_name\":\"im\"}}";
    }

    private String openimSdkEvent(long now) {
        int code = pick(new int[] {10005, 10006, 10102, 1501, 1506, 20001});
        return "{\"event\":\"" + pick("OnConnectFailed", "OnKickedOffline", "OnUserTokenExpired") + "\",\"errCode\":"
                + code + ",\"errMsg\":\"sdk error\",\"data\":\"\",\"operationID\":\"" + hex(8) + "\"}";
    }

    // --- JMessage ----------------------------------------------------------------------------

    private static final int[] JMESSAGE_CODES = {899003, 899045, 898002, 803008, 803005, 899001, 898010, 899030, 899000
    };

    private String jmessageRest(long now) {
        return "{\"error\":{\"code\":" + pick(JMESSAGE_CODES) + ",\"message\":\"request rejected\"}}";
    }

    private String jmessageJavaClient(long now) {
        return vendorTime(now) + " ERROR [http-nio-8080-exec-" + random.nextInt(20)
                + "] NativeHttpClient - Got error response - "
                + "responseCode:" + pick(new int[] {400, 403, 404}) + ", responseContent:{\"error\":{\"code\":"
                + pick(JMESSAGE_CODES)
                + ",\"message\":\"rejected\"}}";
    }

    private String jmessageLogcat(long now) {
        int code = random.nextInt(3) == 0 ? 0 : pick(JMESSAGE_CODES);
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC)
                        .format(LOGCAT_TIME) + " I/JMessage: sendMessage" + " gotResult responseCode=" + code
                + " responseMessage=" + (code == 0 ? "Success" : "user in blacklist");
    }

    // --- iGap --------------------------------------------------------------------------------

    private String igapJson(long now) {
        int[][] codes = {{111, 4}, {111, 0}, {203, 32}, {2, 0}, {136, 0}, {3, 0}, {7, 0}};
        int[] c = codes[random.nextInt(codes.length)];
        return "{\"action_id\":0,\"request_id\":\"" + hex(4) + "\",\"major_code\":" + c[0] + ",\"minor_code\":" + c[1]
                + ",\"wait\":" + (c[0] == 136 ? 300 : 0) + "}";
    }

    private String igapCompact(long now) {
        return "E/iGap: ERROR " + (30_000 + random.nextInt(500)) + " MA " + pick(new int[] {136, 111, 3, 5, 104})
                + " MI 0 wait " + random.nextInt(400);
    }

    private String igapVerbose(long now) {
        return "W/iGap: majorCode : " + pick(new int[] {111, 203, 205, 306}) + " * minorCode : " + random.nextInt(5)
                + " * ProtoChatSendMessageResponse";
    }

    // --- Easemob -----------------------------------------------------------------------------

    private String easemobOnError(long now) {
        int code = pick(new int[] {206, 16, 32, 2, 501, 603, 300, 309});
        String version = random.nextInt(20) == 0 ? "4.2.0" : "1.8.2";
        return "{\"ts\":\"" + iso(now) + "\",\"app\":\"webim\",\"event\":\"onError\",\"sdkVersion\":\"" + version
                + "\",\"error\":{\"type\":" + code + ",\"message\":\"webim error\"}}";
    }

    private String easemobConsole(long now) {
        String[] lines = {
            "[WebIM] onError type=16 WEBIM_CONNCTION_DISCONNECTED",
            "[WebIM] onError type=206" + " WEBIM_CONNCTION_USER_LOGIN_ANOTHER_DEVICE",
            "[WebIM] onError type=33 WEBIM_CONNCTION_CLIENT_LOGOUT",
            "[WebIM] onMessage type=300 WEBIM_MESSAGE_REC_TEXT",
            "[WebIM] status type=403 STATUS_OPENED"
        };
        return pick(lines);
    }

    // --- noise -------------------------------------------------------------------------------

    private String noCode(long now) {
        return pick(new String[] {
            vendorTime(now) + "  INFO G gw-7f3a                      gateway-io-1 i.t.g.a.SessionService : user "
                    + userId() + " connected from 10.1.4.7:52011 in 48 ms",
            "{\"level\":\"INFO\",\"time\":\"" + vendorTime(now)
                    + "\",\"logger\":\"openim-api\",\"msg\":\"server started\",\"PID\":" + random.nextInt(9000)
                    + ",\"port\":10002}",
            "{\"@timestamp\":\"" + iso(now)
                    + "\",\"message\":\"GET /health 200 3ms\",\"service\":{\"name\":\"nginx\"}}",
            LocalDateTime.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC).format(LOGCAT_TIME)
                    + " D/JMessage: heartbeat ok"
        });
    }

    private String unknownCode(long now) {
        return pick(new String[] {
            "{\"errCode\":" + pick(new int[] {80000, 90002, 1801}) + ",\"errMsg\":\"newer server\",\"errDlt\":\"\"}",
            vendorTime(now) + "  INFO G gw-1 7 io-3 i.t.g.i.l.ClientApiLogging : 1|" + userId()
                    + "|ANDROID|1|10.1.4.7|7712|CREATE_MESSAGE_REQUEST|211|" + vendorTime(now) + "|"
                    + pick(new int[] {7100, 7200, 8001})
                    + "|null|38|4",
            "{\"error\":{\"code\":" + pick(new int[] {871001, 880005}) + ",\"message\":\"new family\"}}"
        });
    }

    private String ambiguousCode(long now) {
        return "request finished code=" + pick(new int[] {1001, 1002, 500, 100}) + " uid=" + userId();
    }

    private static byte[] invalidUtf8() {
        return new byte[] {'c', 'o', 'd', 'e', '=', '1', (byte) 0xC3, '(', (byte) 0xFF};
    }

    // --- helpers -----------------------------------------------------------------------------

    private long userId() {
        return 1_000_000 + random.nextInt(9_000_000);
    }

    private String hex(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(Character.forDigit(random.nextInt(16), 16));
        }
        return s.toString();
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    private static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    private static String vendorTime(long millis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC)
                .format(VENDOR_TIME);
    }
}
