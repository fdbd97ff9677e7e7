package io.imwatch.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imwatch.catalog.Catalog;
import io.imwatch.catalog.CatalogEntry;
import io.imwatch.catalog.CodeClass;
import io.imwatch.catalog.Outcome;
import io.imwatch.catalog.SessionCloseReason;
import io.imwatch.classify.event.LogEventParser;
import io.imwatch.classify.event.MalformedEventException;
import io.imwatch.classify.event.MalformedReason;
import io.imwatch.classify.event.Timestamps;
import io.imwatch.classify.rules.RuleSet;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Realistic lines of every vendor and format (see ../shared/LOG-FORMATS.md), classified end to end. */
class ClassifierTest {

    private static final Classifier CLASSIFIER = Classifier.builtin();
    private static final long RECORD_TIME =
            Instant.parse("2026-11-20T10:20:00Z").toEpochMilli();

    static ClassifiedEvent classify(String event) {
        return classify(event, null);
    }

    static ClassifiedEvent classify(String event, String defaultVendor) {
        return CLASSIFIER.classify(event.getBytes(StandardCharsets.UTF_8), defaultVendor, RECORD_TIME);
    }

    static ClassifiedCode only(ClassifiedEvent event) {
        assertThat(event.codes()).hasSize(1);
        return event.codes().get(0);
    }

    static String describe(ClassifiedCode code) {
        return code.vendor() + "/" + code.space() + "/" + code.code() + "/" + code.name() + "/" + code.status();
    }

    @Nested
    class Turms {
        @Test
        void shouldReadResponseCodeFromGatewayClientApiLineAndNoOtherNumber() {
            ClassifiedEvent event = classify("2026-11-20 10:15:02.331  INFO G gw-7f3a     5120987712340091 gateway-io-3"
                    + "               i.t.g.i.l.ClientApiLogging : 88213|1893023|ANDROID|1|10.1.4.7|7712"
                    + "|CREATE_MESSAGE_REQUEST|211|2026-11-20 10:15:02.327|5005|null|38|4");

            assertThat(describe(only(event))).isEqualTo("turms/response/5005/SEND_MESSAGE_TO_MUTED_GROUP/KNOWN");
            assertThat(only(event).entry().classification().codeClass()).isEqualTo(CodeClass.BLOCKED);
            assertThat(event.vendorSource()).isEqualTo(VendorSource.FORMAT);
            assertThat(event.event().eventTime())
                    .isEqualTo(Instant.parse("2026-11-20T10:15:02.331Z").toEpochMilli());
            assertThat(event.route()).isEqualTo(Route.ENRICHED);
        }

        @Test
        void shouldReadResponseCodeFromServiceClientApiLine() {
            ClassifiedEvent event = classify("2026-11-20 10:15:03.020  INFO S svc-02                       "
                    + "turms-service-5            i.t.s.i.l.ClientApiLogging : 1893023|IOS|10.1.4.9|7713"
                    + "|UPDATE_GROUP_REQUEST|96|2026-11-20 10:15:03.011|3000|null|9");

            assertThat(describe(only(event))).isEqualTo("turms/response/3000/UPDATE_INFO_OF_NONEXISTENT_GROUP/KNOWN");
        }

        @Test
        void shouldCountLogoutAsSuccessNotAsSessionClose() {
            ClassifiedCode code =
                    only(classify("2026-11-20 10:15:05.100  INFO G gw-7f3a                      gateway-io-1"
                            + "               i.t.g.i.l.ClientApiLogging : 88213|1893023|ANDROID|1|10.1.4.7|7714"
                            + "|DELETE_SESSION_REQUEST|12|2026-11-20 10:15:05.099|1000|null|0|1"));

            assertThat(code.entry().classification().outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(code.entry().classification().sessionClose()).isNull();
        }

        @Test
        void shouldClassifyCloseStatusByNumberAndItsBusinessStatus() {
            ClassifiedEvent event = classify("{\"ts\":\"2026-11-20T10:15:09.002Z\",\"app\":\"chat-android\","
                    + "\"sdk\":\"turms-client-kotlin\",\"event\":\"session_closed\",\"userId\":\"1893023\","
                    + "\"closeStatus\":110,\"businessStatus\":null,\"reason\":\"heartbeat timeout\"}");

            ClassifiedCode close = only(event);
            assertThat(describe(close)).isEqualTo("turms/session-close/110/HEARTBEAT_TIMEOUT/KNOWN");
            assertThat(close.entry().classification().sessionClose()).isEqualTo(SessionCloseReason.HEARTBEAT_TIMEOUT);
            assertThat(event.vendorSource()).isEqualTo(VendorSource.HINT);
            assertThat(event.event().eventTime())
                    .isEqualTo(Instant.parse("2026-11-20T10:15:09.002Z").toEpochMilli());
        }

        @Test
        void shouldClassifyCloseStatusByNameAndIgnoreWebSocketCloseCode() {
            ClassifiedCode close = only(classify("{\"ts\":\"2026-11-20T10:15:09.410Z\",\"sdk\":\"turms-client-js\","
                    + "\"event\":\"session_closed\",\"closeStatus\":\"SERVER_CLOSED\",\"webSocketStatusCode\":1006,"
                    + "\"webSocketReason\":\"\"}"));

            assertThat(describe(close)).isEqualTo("turms/session-close/201/SERVER_CLOSED/KNOWN");
            assertThat(close.entry().classification().sessionClose()).isEqualTo(SessionCloseReason.SERVER_SHUTDOWN);
        }

        @Test
        void shouldReportTwoCodesWhenACloseCarriesABusinessStatus() {
            ClassifiedEvent event = classify("{\"sdk\":\"turms-client-kotlin\",\"event\":\"session_closed\","
                    + "\"closeStatus\":501,\"businessStatus\":2101}");

            assertThat(event.codes())
                    .extracting(ClassifierTest::describe)
                    .containsExactly(
                            "turms/session-close/501/DISCONNECTED_BY_OTHER_DEVICE/KNOWN",
                            "turms/response/2101/SESSION_SIMULTANEOUS_CONFLICTS_NOTIFY/KNOWN");
        }

        @Test
        void shouldPutClientOnlyRequestFailuresInClientSpace() {
            ClassifiedCode code = only(
                    classify(
                            "{\"level\":\"warn\",\"sdk\":\"turms-client-js\",\"event\":\"request_failed\","
                                    + "\"requestType\":\"CREATE_MESSAGE_REQUEST\",\"code\":102,\"reason\":\"REQUEST_TIMEOUT\"}"));

            assertThat(describe(code)).isEqualTo("turms/client/102/REQUEST_TIMEOUT/KNOWN");
        }

        @Test
        void shouldPutServerCodesOfRequestFailuresInResponseSpace() {
            ClassifiedCode code =
                    only(classify("{\"sdk\":\"turms-client-js\",\"event\":\"request_failed\",\"code\":1101,"
                            + "\"reason\":\"CLIENT_REQUESTS_TOO_FREQUENT\"}"));

            assertThat(describe(code)).isEqualTo("turms/response/1101/CLIENT_REQUESTS_TOO_FREQUENT/KNOWN");
        }

        @Test
        void shouldReadAdminApiBodyWhenTheEnvelopeSaysTurms() {
            ClassifiedCode code = only(
                    classify(
                            "{\"@timestamp\":\"2026-11-20T10:15:00Z\",\"service\":{\"name\":\"turms-service\"},"
                                    + "\"message\":\"{\\\"code\\\":1302,\\\"reason\\\":\\\"The resource does not exist\\\"}\"}"));

            assertThat(describe(code)).isEqualTo("turms/response/1302/RESOURCE_NOT_FOUND/KNOWN");
        }

        @Test
        void shouldMarkNewerTurmsCodesUnknownInTheirSpace() {
            ClassifiedEvent event = classify("2026-11-20 10:15:02.331  INFO G gw-1 7 io-3 i.t.g.i.l.ClientApiLogging : "
                    + "1|2|ANDROID|1|10.1.4.7|7712|CREATE_MESSAGE_REQUEST|211|2026-11-20 10:15:02.327|7100|null|38|4");

            assertThat(describe(only(event))).isEqualTo("turms/response/7100/null/UNKNOWN");
            assertThat(event.route()).isEqualTo(Route.UNKNOWN);
        }
    }

    @Nested
    class OpenIm {
        @Test
        void shouldReadApiResponseBody() {
            ClassifiedCode code =
                    only(classify("{\"errCode\":1501,\"errMsg\":\"TokenExpiredError\",\"errDlt\":\"\",\"data\":null}"));

            assertThat(describe(code)).isEqualTo("openim/server/1501/TokenExpiredError/KNOWN");
            assertThat(code.entry().classification().sessionClose()).isEqualTo(SessionCloseReason.AUTH_EXPIRED);
        }

        @Test
        void shouldCountErrCodeZeroAsSuccess() {
            ClassifiedCode code =
                    only(classify("{\"errCode\":0,\"errMsg\":\"\",\"errDlt\":\"\",\"data\":{\"token\":\"x\"}}"));

            assertThat(code.entry().classification().outcome()).isEqualTo(Outcome.SUCCESS);
        }

        @Test
        void shouldReadCodedPartOfConsoleLineBehindContextPrefix() {
            ClassifiedEvent event =
                    classify("2026-11-20 10:15:03.118\t\u001b[31mERROR\u001b[0m\t\u001b[31m[PID:4127]     \u001b[0m"
                            + "\t\u001b[31mopenim-rpc-group        \u001b[0m\t[version:v3.8.3]\t[group/group.go:512]"
                            + "                              \tJoinGroup failed\t{\"operationID\": \"c7e1f0a2\", \"opUserID\": \"u_88\","
                            + " \"error\": \"get group info groupID=g_41: 1204 GroupIsDismissed\"}");

            ClassifiedCode code = only(event);
            assertThat(code.vendor()).isEqualTo("openim");
            assertThat(code.code()).isEqualTo(1204);
            assertThat(code.isKnown()).isTrue();
            assertThat(code.observedName()).isEqualTo("GroupIsDismissed");
            assertThat(event.event().eventTime())
                    .isEqualTo(Instant.parse("2026-11-20T10:15:03.118Z").toEpochMilli());
        }

        @Test
        void shouldReadZapJsonErrorField() {
            ClassifiedEvent event = classify(
                    "{\"level\":\"WARN\",\"time\":\"2026-11-20 10:15:04.007\",\"logger\":\"openim-msggateway\","
                            + "\"caller\":\"msggateway/client.go:231\",\"msg\":\"token check failed\",\"PID\":311,"
                            + "\"version\":\"v3.8.3\",\"operationID\":\"9d1b\",\"error\":\"1501 TokenExpiredError\"}");

            assertThat(describe(only(event))).isEqualTo("openim/server/1501/TokenExpiredError/KNOWN");
            assertThat(event.event().eventTime())
                    .isEqualTo(Instant.parse("2026-11-20T10:15:04.007Z").toEpochMilli());
        }

        @Test
        void shouldReadResponseBodyInsideAccessLog() {
            ClassifiedCode code =
                    only(classify("{\"level\":\"INFO\",\"time\":\"2026-11-20 10:15:04.100\",\"logger\":\"openim-api\","
                            + "\"msg\":\"http request processed\",\"PID\":12,\"path\":\"/group/join_group\","
                            + "\"resp\":\"{\\\"errCode\\\":1203,\\\"errMsg\\\":\\\"NotInGroupYetError\\\"}\"}"));

            assertThat(describe(code)).isEqualTo("openim/server/1203/NotInGroupYetError/KNOWN");
        }

        @Test
        void shouldClassifySdkAndWebhookCodesByTheirRanges() {
            ClassifiedCode sdk = only(
                    classify(
                            "{\"event\":\"OnConnectFailed\",\"errCode\":10005,\"errMsg\":\"ws dial failed\",\"operationID\":\"1\"}"));
            ClassifiedCode hook =
                    only(classify("{\"errCode\":20100,\"errMsg\":\"rejected by callback\",\"errDlt\":\"\"}"));

            assertThat(sdk.space()).isEqualTo("client");
            assertThat(sdk.isKnown()).isTrue();
            assertThat(sdk.entry().isRange()).isTrue();
            assertThat(hook.space()).isEqualTo("webhook");
            assertThat(hook.entry().classification().codeClass()).isEqualTo(CodeClass.WEBHOOK);
        }

        @Test
        void shouldMarkCodesOfNewerServersUnknown() {
            ClassifiedCode code = only(classify("{\"errCode\":90002,\"errMsg\":\"DatabaseError\",\"errDlt\":\"\"}"));

            assertThat(describe(code)).isEqualTo("openim/server/90002/DatabaseError/UNKNOWN");
        }

        @Test
        void shouldReadConsoleLineWrappedInFluentBitEnvelope() {
            String line =
                    "2026-11-20 10:15:03.118\\t\\u001b[31mERROR\\u001b[0m\\t[PID:4127]\\topenim-rpc-user\\t[version:v3.8.3]"
                            + "\\t[user/user.go:99]\\tget user failed\\t{\\\"error\\\": \\\"1101 UserIDNotFoundError\\\"}";
            ClassifiedEvent event = classify("{\"date\":1732280000.123,\"log\":\"" + line
                    + "\",\"kubernetes\":{\"container_name\":\"openim-rpc-user\"}}");

            assertThat(describe(only(event))).isEqualTo("openim/server/1101/UserIDNotFoundError/KNOWN");
            assertThat(event.vendorSource()).isEqualTo(VendorSource.HINT);
        }
    }

    @Nested
    class JMessage {
        @Test
        void shouldReadRestErrorBody() {
            ClassifiedCode code = only(classify("{\"error\":{\"code\":899003,\"message\":\"parameter invalid\"}}"));

            assertThat(describe(code)).isEqualTo("jmessage/server/899003/parameter invalid/KNOWN");
        }

        @Test
        void shouldReadBodyLoggedByJavaClientNotTheHttpStatus() {
            ClassifiedEvent event = classify(
                    "2026-11-20 10:15:04.552 ERROR [http-nio-8080-exec-4] NativeHttpClient - Got error"
                            + " response - responseCode:403, responseContent:{\"error\":{\"code\":899045,\"message\":\"group is not exist\"}}");

            assertThat(describe(only(event))).isEqualTo("jmessage/server/899045/group is not exist/KNOWN");
        }

        @Test
        void shouldReadMobileSdkCallbackWithLogcatTime() {
            ClassifiedEvent event = classify("11-20 10:15:04.552 I/JMessage: sendMessage gotResult responseCode=803008 "
                    + "responseMessage=user in blacklist");

            assertThat(only(event).code()).isEqualTo(803008);
            assertThat(only(event).isKnown()).isTrue();
            assertThat(event.event().eventTime())
                    .isEqualTo(Instant.parse("2026-11-20T10:15:04.552Z").toEpochMilli());
        }

        @Test
        void shouldKnowABareSixDigitCodeIsJMessageByItsShape() {
            ClassifiedEvent event = classify("send failed code=803005 uid=9921");

            assertThat(only(event).vendor()).isEqualTo("jmessage");
            assertThat(only(event).isKnown()).isTrue();
            assertThat(event.vendorSource()).isEqualTo(VendorSource.FORMAT);
        }
    }

    @Nested
    class IGap {
        @Test
        void shouldReadErrorResponseWithSpecificMinor() {
            ClassifiedCode code = only(classify(
                    "{\"action_id\":0,\"request_id\":\"9f2c\",\"major_code\":111,\"minor_code\":4,\"wait\":0}"));

            assertThat(describe(code)).isEqualTo("igap/error/111/USER_LOGIN_FAILED/KNOWN");
            assertThat(code.minor()).isEqualTo(4);
            assertThat(code.entry().minor()).isEqualTo(4);
            assertThat(code.entry().classification().codeClass()).isEqualTo(CodeClass.BLOCKED);
        }

        @Test
        void shouldReadCompactClientLineIgnoringActionIdAndWait() {
            ClassifiedCode code = only(classify("E/iGap: ERROR 30102 MA 136 MI 0 wait 300"));

            assertThat(describe(code)).isEqualTo("igap/error/136/USER_REGISTER_MAX_TRY_LOCK/KNOWN");
            assertThat(code.entry().minor()).isEqualTo(CatalogEntry.ANY_MINOR);
        }

        @Test
        void shouldReadVerboseClientLine() {
            ClassifiedCode code =
                    only(classify("W/iGap: majorCode : 111 * minorCode : 4 * ProtoChatSendMessageResponse"));

            assertThat(code.code()).isEqualTo(111);
            assertThat(code.minor()).isEqualTo(4);
        }
    }

    @Nested
    class Easemob {
        @Test
        void shouldReadOnErrorTelemetryOfLegacySdk() {
            ClassifiedCode code = only(classify("{\"app\":\"webim\",\"event\":\"onError\",\"sdkVersion\":\"1.8.2\","
                    + "\"error\":{\"type\":206,\"message\":\"logged in on another device\"}}"));

            assertThat(describe(code)).isEqualTo("easemob/webim/206/WEBIM_CONNCTION_USER_LOGIN_ANOTHER_DEVICE/KNOWN");
            assertThat(code.entry().classification().sessionClose())
                    .isEqualTo(SessionCloseReason.KICKED_BY_OTHER_DEVICE);
        }

        @Test
        void shouldNotSilentlyClassify4xSdkCodesWithTheLegacyTable() {
            ClassifiedEvent event = classify("{\"app\":\"webim\",\"event\":\"onError\",\"sdkVersion\":\"4.2.0\","
                    + "\"error\":{\"type\":206,\"message\":\"other\"}}");

            ClassifiedCode code = only(event);
            assertThat(code.status()).isEqualTo(CodeStatus.VERSION_MISMATCH);
            assertThat(code.candidates())
                    .extracting(CatalogEntry::name)
                    .containsExactly("WEBIM_CONNCTION_USER_LOGIN_ANOTHER_DEVICE");
            assertThat(event.route()).isEqualTo(Route.UNKNOWN);
        }

        @Test
        void shouldReadConsoleLine() {
            ClassifiedCode code = only(classify("[WebIM] onError type=16 WEBIM_CONNCTION_DISCONNECTED"));

            assertThat(describe(code)).isEqualTo("easemob/webim/16/WEBIM_CONNCTION_DISCONNECTED/KNOWN");
            assertThat(code.entry().classification().sessionClose()).isEqualTo(SessionCloseReason.NETWORK);
        }

        @Test
        void shouldCountMessageEventsAsEventsNotErrors() {
            ClassifiedCode code = only(classify("[WebIM] onMessage type=300 WEBIM_MESSAGE_REC_TEXT"));

            assertThat(code.entry().classification().outcome()).isEqualTo(Outcome.EVENT);
        }
    }

    /** The shapes Elastic and OpenTelemetry shippers write (classify/README.md, "which shipper puts the line where"). */
    @Nested
    class ShipperEnvelopes {
        @Test
        void shouldReadTheLineEcsKeepsInEventOriginalWithTheServiceNameAsHint() {
            ClassifiedEvent event = classify("{\"@timestamp\":\"2026-11-20T10:15:06.250Z\","
                    + "\"event\":{\"original\":\"[WebIM] onError type=206 WEBIM_CONNCTION_USER_LOGIN_ANOTHER_DEVICE\"},"
                    + "\"service\":{\"name\":\"webim\"}}");

            assertThat(describe(only(event)))
                    .isEqualTo("easemob/webim/206/WEBIM_CONNCTION_USER_LOGIN_ANOTHER_DEVICE/KNOWN");
            assertThat(event.route()).isEqualTo(Route.ENRICHED);
            assertThat(event.vendorSource()).isEqualTo(VendorSource.HINT);
            assertThat(event.event().hints()).isEqualTo("webim\n");
            assertThat(event.event().line()).startsWith("[WebIM] onError type=206");
            assertThat(event.event().eventTime())
                    .isEqualTo(Instant.parse("2026-11-20T10:15:06.250Z").toEpochMilli());
        }

        @Test
        void shouldReadTheLineEcsKeepsInLogOriginalAndTheLinesOwnTime() {
            ClassifiedEvent event = classify("{\"@timestamp\":\"2026-11-20T10:15:30Z\","
                    + "\"log\":{\"original\":\"11-20 10:15:07.125 W/iGap: ERROR 30110 MA 111 MI 4\","
                    + "\"level\":\"warn\"},\"host\":{\"name\":\"pixel-7\"}}");

            ClassifiedCode code = only(event);
            assertThat(code.vendor() + "/" + code.space() + "/" + code.code() + "/" + code.minor() + "/"
                            + code.status())
                    .isEqualTo("igap/error/111/4/KNOWN");
            assertThat(event.route()).isEqualTo(Route.ENRICHED);
            assertThat(event.vendorSource()).isEqualTo(VendorSource.FORMAT);
            assertThat(event.event().hints()).isEmpty();
            // the line's own time wins over the shipper's @timestamp
            assertThat(event.event().eventTime())
                    .isEqualTo(Instant.parse("2026-11-20T10:15:07.125Z").toEpochMilli());
        }

        @Test
        void shouldReadFlatOtelBodyWithTheDottedResourceServiceNameAsHint() {
            ClassifiedEvent event = classify("{\"time_unix_nano\":1795169706250000000,"
                    + "\"body\":\"[WebIM] onError type=206 WEBIM_CONNCTION_USER_LOGIN_ANOTHER_DEVICE\","
                    + "\"resource\":{\"service.name\":\"webim-frontend\"},\"severity_text\":\"ERROR\"}");

            assertThat(describe(only(event)))
                    .isEqualTo("easemob/webim/206/WEBIM_CONNCTION_USER_LOGIN_ANOTHER_DEVICE/KNOWN");
            assertThat(event.route()).isEqualTo(Route.ENRICHED);
            assertThat(event.vendorSource()).isEqualTo(VendorSource.HINT);
            assertThat(event.event().hints()).isEqualTo("webim-frontend\n");
            assertThat(event.event().eventTime())
                    .isEqualTo(Instant.parse("2026-11-20T10:15:06.250Z").toEpochMilli());
        }

        @Test
        void shouldReadVendorJsonInAnOtelBodyLikeFilebeatsMessage() {
            ClassifiedEvent event = classify("{\"timeUnixNano\":\"1795169707000000000\","
                    + "\"body\":\"{\\\"errCode\\\":1501,\\\"errMsg\\\":\\\"TokenExpiredError\\\",\\\"errDlt\\\":\\\"\\\"}\","
                    + "\"resource\":{\"attributes\":{\"service.name\":\"openim-api\"}}}");

            assertThat(describe(only(event))).isEqualTo("openim/server/1501/TokenExpiredError/KNOWN");
            assertThat(event.route()).isEqualTo(Route.ENRICHED);
            assertThat(event.vendorSource()).isEqualTo(VendorSource.HINT);
            assertThat(event.event().hints()).isEqualTo("openim-api\n");
            assertThat(event.event().payload().get("errCode").asInt()).isEqualTo(1501);
            // OTLP JSON writes the 64-bit nanoseconds as a string
            assertThat(event.event().eventTime())
                    .isEqualTo(Instant.parse("2026-11-20T10:15:07Z").toEpochMilli());
        }

        @Test
        void shouldTakeTheServiceNameFromRecordAttributesAndTheObservedTimeWhenThereIsNoOther() {
            ClassifiedEvent event = classify(
                    "{\"observed_time_unix_nano\":1795169708500000000,"
                            + "\"body\":\"request failed code=1001\",\"attributes\":{\"service\":{\"name\":\"turms-gateway\"}}}");

            assertThat(describe(only(event))).isEqualTo("turms/response/1001/NO_CONTENT/KNOWN");
            assertThat(event.vendorSource()).isEqualTo(VendorSource.HINT);
            assertThat(event.event().hints()).isEqualTo("turms-gateway\n");
            assertThat(event.event().eventTime())
                    .isEqualTo(Instant.parse("2026-11-20T10:15:08.500Z").toEpochMilli());
        }

        @Test
        void shouldKeepReadingMessageFirstWhenEcsAlsoKeepsTheOriginal() {
            // Filebeat with ECS: message is what it always read; event.original is a fallback only
            ClassifiedEvent event = classify("{\"message\":\"{\\\"errCode\\\":1501}\","
                    + "\"event\":{\"original\":\"[WebIM] onError type=16 WEBIM_CONNCTION_DISCONNECTED\"},"
                    + "\"body\":\"[WebIM] onError type=16\"}");

            assertThat(describe(only(event))).isEqualTo("openim/server/1501/TokenExpiredError/KNOWN");
        }

        @Test
        void shouldNotReadShortDigitStringsAsEpochTimes() {
            ClassifiedEvent event = classify("{\"date\":\"20261120\",\"errCode\":1501}");

            assertThat(event.event().eventTime()).isEqualTo(Timestamps.NONE);
        }

        @Test
        void shouldReadLineAndHintFieldsThatAUserRuleFileAdds() {
            String userFile = "envelope:\n  lineFields: [payload.text]\n  hintFields: [origin.svc]\n"
                    + "  timeFields: [emittedAt]\nrules: []\n";
            RuleSet rules = RuleSet.builder()
                    .addBuiltins()
                    .add("inhouse.yaml", new ByteArrayInputStream(userFile.getBytes(StandardCharsets.UTF_8)))
                    .build();
            Classifier classifier = new Classifier(Catalog.builtin(), rules, Classifier.DEFAULT_MAX_EVENT_BYTES);

            ClassifiedEvent event = classifier.classify(
                    ("{\"emittedAt\":\"2026-11-20T10:15:09Z\",\"origin\":{\"svc\":\"openim-api\"},"
                                    + "\"payload\":{\"text\":\"{\\\"errCode\\\":1501}\"}}")
                            .getBytes(StandardCharsets.UTF_8),
                    null,
                    RECORD_TIME);

            assertThat(describe(only(event))).isEqualTo("openim/server/1501/TokenExpiredError/KNOWN");
            assertThat(event.vendorSource()).isEqualTo(VendorSource.HINT);
            assertThat(event.event().hints()).isEqualTo("openim-api\n");
            assertThat(event.event().eventTime())
                    .isEqualTo(Instant.parse("2026-11-20T10:15:09Z").toEpochMilli());
        }
    }

    @Nested
    class HardCases {
        @Test
        void shouldListCandidatesForACodeNoVendorClaims() {
            ClassifiedEvent event = classify("request done code=1001");

            ClassifiedCode code = only(event);
            assertThat(code.status()).isEqualTo(CodeStatus.AMBIGUOUS);
            assertThat(code.vendor()).isNull();
            assertThat(code.candidates())
                    .extracting(e -> e.vendor() + "/" + e.name())
                    .containsExactlyInAnyOrder("turms/NO_CONTENT", "openim/ArgsError");
            assertThat(event.route()).isEqualTo(Route.UNKNOWN);
        }

        @Test
        void shouldUseTheConfiguredVendorToResolveAnAmbiguousCode() {
            ClassifiedEvent event = classify("request done code=1001", "openim");

            assertThat(describe(only(event))).isEqualTo("openim/server/1001/ArgsError/KNOWN");
            assertThat(event.vendorSource()).isEqualTo(VendorSource.CONFIG);
        }

        @Test
        void shouldNotGuessAVendorFromASingleCandidate() {
            ClassifiedCode code = only(classify("{\"code\":5005}"));

            assertThat(code.status()).isEqualTo(CodeStatus.AMBIGUOUS);
            assertThat(code.candidates()).extracting(CatalogEntry::vendor).containsExactly("turms");
        }

        @Test
        void shouldListSpacesWhenTheVendorIsKnownButTheSpaceIsNot() {
            ClassifiedCode code = only(classify("code=100", "turms"));

            assertThat(code.status()).isEqualTo(CodeStatus.AMBIGUOUS);
            assertThat(code.candidates())
                    .extracting(CatalogEntry::space)
                    .containsExactlyInAnyOrder("client", "session-close");
        }

        @Test
        void shouldFindNoCodeInLinesFullOfOtherNumbers() {
            ClassifiedEvent event = classify(
                    "2026-11-20 10:15:02.331  INFO G gw-7f3a 5120987712340091 netty-3 "
                            + "i.t.g.a.SessionService : user 1893023 connected from 10.1.4.7:52011 in 48 ms, pid 4127, HTTP 403");

            assertThat(event.codes()).isEmpty();
            assertThat(event.route()).isEqualTo(Route.NO_CODE);
        }

        @Test
        void shouldTolerateBomCrlfAndNonAsciiMessages() {
            ClassifiedCode code = only(classify("\uFEFF{\"errCode\":1204,\"errMsg\":\"群组已解散\"}\r\n"));

            assertThat(describe(code)).isEqualTo("openim/server/1204/DismissedAlreadyError/KNOWN");
            assertThat(code.observedName()).isEqualTo("群组已解散");
        }

        @Test
        void shouldTreatEmptyEventAsHavingNoCode() {
            assertThat(CLASSIFIER.classify(new byte[0], null, RECORD_TIME).route())
                    .isEqualTo(Route.NO_CODE);
            assertThat(classify("   ").route()).isEqualTo(Route.NO_CODE);
        }

        @Test
        void shouldRejectBrokenJson() {
            assertThatThrownBy(() -> classify("{\"errCode\":1501,"))
                    .isInstanceOf(MalformedEventException.class)
                    .satisfies(e -> assertThat(((MalformedEventException) e).reason())
                            .isEqualTo(MalformedReason.MALFORMED_JSON));
        }

        @Test
        void shouldRejectJsonFollowedByGarbage() {
            assertThatThrownBy(() -> classify("{\"errCode\":1501} trailing"))
                    .isInstanceOf(MalformedEventException.class)
                    .hasMessageStartingWith("malformed-json");
        }

        @Test
        void shouldRejectInvalidUtf8NamingTheOffset() {
            byte[] bad = {'c', 'o', 'd', 'e', '=', '1', (byte) 0xC3, '('};
            assertThatThrownBy(() -> CLASSIFIER.classify(bad, null, RECORD_TIME))
                    .isInstanceOf(MalformedEventException.class)
                    .hasMessage("invalid-utf8: byte 0xC3 at offset 6 is not valid UTF-8");
        }

        @Test
        void shouldRejectEventsOverTheSizeLimit() {
            Classifier small = new Classifier(CLASSIFIER.catalog(), io.imwatch.classify.rules.RuleSet.builtin(), 64);
            assertThatThrownBy(() -> small.classify(new byte[65], null, RECORD_TIME))
                    .isInstanceOf(MalformedEventException.class)
                    .hasMessageContaining("65 bytes is over the limit of 64");
        }

        @Test
        void shouldNotTreatResponseCodeOrStatusCodeFieldsAsCodes() {
            assertThat(classify("upstream responseCode:502 statusCode=404 webSocketStatusCode=1006")
                            .codes())
                    .isEmpty();
        }
    }

    /** Every event without a code says why: nothing there, a number that cannot be a code, or nested too deep. */
    @Nested
    class NoCodeReasons {

        private static NoCodeReason reason(String event) {
            return reason(event, null);
        }

        private static NoCodeReason reason(String event, String defaultVendor) {
            ClassifiedEvent classified = classify(event, defaultVendor);
            assertThat(classified.route()).isEqualTo(Route.NO_CODE);
            return classified.noCodeReason();
        }

        /** {@code {"field": "<value, quoted>"}}. */
        private static String quoteIn(String field, String value) {
            try {
                return LogEventParser.mapper().writeValueAsString(java.util.Map.of(field, value));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** {@code json} as the string value of a {@code message} field, {@code times} times over. */
        private static String wrapped(String json, int times) {
            String event = json;
            for (int i = 0; i < times; i++) {
                event = quoteIn("message", event);
            }
            return event;
        }

        @Test
        void shouldSayNoneFoundForAnEventWithoutAnythingCodeLike() {
            assertThat(reason("GET /health 200 3ms")).isEqualTo(NoCodeReason.NONE_FOUND);
            assertThat(reason("{\"msg\":\"user logged in\",\"code\":\"abc\"}")).isEqualTo(NoCodeReason.NONE_FOUND);
        }

        @Test
        void shouldSayEmptyForAnEmptyEvent() {
            assertThat(reason("")).isEqualTo(NoCodeReason.EMPTY);
            assertThat(reason("   ")).isEqualTo(NoCodeReason.EMPTY);
        }

        @Test
        void shouldSayCodeOutOfRangeForAJsonIntegerBeyondAnInt() {
            assertThat(reason("{\"errCode\":99999999999999999999999,\"errMsg\":\"x\"}"))
                    .isEqualTo(NoCodeReason.CODE_OUT_OF_RANGE);
            assertThat(reason("{\"code\":2147483648}")).isEqualTo(NoCodeReason.CODE_OUT_OF_RANGE);
            // the one int that reads as "no number" inside imwatch is no code either
            assertThat(reason("{\"code\":-2147483648}")).isEqualTo(NoCodeReason.CODE_OUT_OF_RANGE);
        }

        @Test
        void shouldSayCodeOutOfRangeForFractionsAndExponentsRatherThanGuess() {
            assertThat(reason("{\"errCode\":1501.0,\"errMsg\":\"TokenExpiredError\"}"))
                    .isEqualTo(NoCodeReason.CODE_OUT_OF_RANGE);
            assertThat(reason("{\"code\":1e400}")).isEqualTo(NoCodeReason.CODE_OUT_OF_RANGE);
            assertThat(reason("{\"code\":\"1501.0\"}")).isEqualTo(NoCodeReason.CODE_OUT_OF_RANGE);
            assertThat(reason("{\"error\":{\"code\":\"-1e3\"}}")).isEqualTo(NoCodeReason.CODE_OUT_OF_RANGE);
        }

        @Test
        void shouldSayCodeOutOfRangeForATurmsResponseCodeBeyondAnInt() {
            assertThat(reason("2026-11-20 10:15:02.331  INFO G gw-7f3a     5120987712340091 gateway-io-3"
                            + "               i.t.g.i.l.ClientApiLogging : 88213|1893023|ANDROID|1|10.1.4.7|7712"
                            + "|CREATE_MESSAGE_REQUEST|211|2026-11-20 10:15:02.327|2147483648|null|38|4"))
                    .isEqualTo(NoCodeReason.CODE_OUT_OF_RANGE);
        }

        @Test
        void shouldNotTakeAnOutOfRangeNumberForASymbolicName() {
            // closeStatus may be a name (e.g. "HEARTBEAT_TIMEOUT"), but a number is never a name
            assertThat(reason("{\"sdk\":\"turms-client-kotlin\",\"closeStatus\":\"2147483648\"}"))
                    .isEqualTo(NoCodeReason.CODE_OUT_OF_RANGE);
        }

        @Test
        void shouldSayCodeOutOfRangeForATextRulesCodeGroupBeyondAnInt() {
            assertThat(
                            reason(
                                    "JMessageClient failed responseContent: {\"code\": 99999999999999999999, \"message\":\"x\"}"))
                    .isEqualTo(NoCodeReason.CODE_OUT_OF_RANGE);
        }

        @Test
        void shouldReadNegativeIntegersAsCodesNotAsOutOfRange() {
            ClassifiedEvent event = classify("{\"errCode\":-5,\"errMsg\":\"x\"}");

            assertThat(event.route()).isEqualTo(Route.UNKNOWN);
            assertThat(event.noCodeReason()).isNull();
            assertThat(only(event).code()).isEqualTo(-5);
        }

        @Test
        void shouldGiveNoReasonWhenAnotherFieldHasACode() {
            ClassifiedEvent event = classify("{\"sdk\":\"turms-client-kotlin\",\"event\":\"session_closed\","
                    + "\"closeStatus\":110,\"businessStatus\":1e400}");

            assertThat(event.route()).isEqualTo(Route.ENRICHED);
            assertThat(event.noCodeReason()).isNull();
        }

        @Test
        void shouldSayTooDeepForMoreEnvelopesThanAreUnwrapped() {
            String code = "{\"errCode\":1501,\"errMsg\":\"TokenExpiredError\"}";

            assertThat(classify(wrapped(code, 3)).route()).isEqualTo(Route.ENRICHED);
            assertThat(reason(wrapped(code, 4))).isEqualTo(NoCodeReason.TOO_DEEP);
        }

        @Test
        void shouldReadTheTextLineThatTheLastUnwrappedEnvelopeHolds() {
            // three envelopes are unwrapped; the line in the third is text, not a fourth envelope
            assertThat(classify(wrapped("[WebIM] onError type=16", 4)).route()).isEqualTo(Route.ENRICHED);
        }

        @Test
        void shouldSayTooDeepWhenARuleScanStopsAtItsDepthLimit() {
            String body = "{\"errCode\":1501}";
            String nested = quoteIn("body", body);
            for (int i = 0; i < 20; i++) {
                nested = "{\"a\":" + nested + "}";
            }
            String event = "{\"PID\":1," + nested.substring(1);

            assertThat(reason(event)).isEqualTo(NoCodeReason.TOO_DEEP);
        }
    }
}
