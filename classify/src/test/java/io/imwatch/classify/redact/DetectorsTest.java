package io.imwatch.classify.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each built-in detector alone on text: what it takes, and the near misses it must leave alone. */
class DetectorsTest {

    private static String redact(Detector detector, String text) {
        return Redactor.of(new RedactionPolicy(EnumSet.of(detector), List.of(), List.of(), RedactMode.MASK, ""))
                .text(text);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.SflKxwRJSMeKKF2QT4fwpM end|jwt [token] end",
                "alg none eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0. done|alg none [token] done",
                "Authorization: Bearer abcDEF123._~+/= next|Authorization: Bearer [token] next",
                "header bearer 0123456789abcdef|header bearer [token]",
                "GET /ws?token=s3cr3tValue&uid=7 HTTP/1.1|GET /ws?token=[token]&uid=7 HTTP/1.1",
                "login accessToken: xyz987, ok|login accessToken: [token], ok",
                "Authorization: Basic dXNlcjpwYXNz|Authorization: Basic [token]",
                "{\"refresh_token\":\"r-123\",\"code\":1501}|{\"refresh_token\":\"[token]\",\"code\":1501}",
                "password='hunter2' user=bob|password='[token]' user=bob",
                "X-Api-Key = k-42 rest|X-Api-Key = [token] rest",
            })
    void tokenDetectorShouldMaskCredentials(String in, String out) {
        assertThat(redact(Detector.TOKEN, in)).isEqualTo(out);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "errCode=1501 errMsg=TokenExpiredError",
                "TokenExpiredError: the token has expired",
                "the bearer of bad news",
                "max_tokens=5 tokens: 12",
                "token_type=Bearer",
                "eyJ too short",
                "keyeyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ",
            })
    void tokenDetectorShouldLeaveNearMisses(String in) {
        assertThat(redact(Detector.TOKEN, in)).isEqualTo(in);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "mail alice.smith+tag@example.co.uk now|mail [email] now",
                "<bob@mail.example.com>|<[email]>",
                "to: a@b.io, c_d@e-f.org.|to: [email], [email].",
                "用户zhang.san@example.cn登录|用户[email]登录",
            })
    void emailDetectorShouldMaskAddresses(String in, String out) {
        assertThat(redact(Detector.EMAIL, in)).isEqualTo(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"root@localhost", "pkg@1.2.3", "@mention and @@", "a@b.c", "x@.com", "a@b..com"})
    void emailDetectorShouldLeaveNearMisses(String in) {
        assertThat(redact(Detector.EMAIL, in)).isEqualTo(in);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "call +86 138 0013 8000 now|call [phone] now",
                "tel:+1-202-555-0143|tel:[phone]",
                "+44 (0)20 7946 0958|[phone]",
                "+8613800138000|[phone]",
                "(555) 123-4567|[phone]",
                "phone=555-123-4567 10 times|phone=[phone] 10 times",
                "555.123.4567|[phone]",
                "office 020 7946 0958|office [phone]",
                "030-12345678|[phone]",
                "(010) 12345678|[phone]",
                "06 12 34 56 78|[phone]",
                "mobile 13800138000,|mobile [phone],",
                "138-0013-8000|[phone]",
                "手机13800138000登录|手机[phone]登录",
            })
    void phoneDetectorShouldMaskNumbers(String in, String out) {
        assertThat(redact(Detector.PHONE, in)).isEqualTo(out);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "errCode=1501",
                "code 10102 and 123456 and 4001",
                "majorCode=111 minorCode=4",
                "2026-11-28 10:00:53.123",
                "2026-11-28T10:00:53Z",
                "28.11.2026 10:00",
                "range 10000-20000",
                "epoch 1732780853 millis 1732780853000",
                "1.2.3.4 and v2.10.3",
                "UTC+0800",
                "+0800",
                "uuid 12345678-1234-1234-1234-123456789012",
                "88213|1893023|ANDROID|1|10.1.4.7|7712|CREATE_MESSAGE_REQUEST|211|2026-11-20 10:15:02.327|5005",
                "user 5120987712340091",
                "555-123-4567.5",
                "id12345678901",
            })
    void phoneDetectorShouldLeaveCodesDatesAndIds(String in) {
        assertThat(redact(Detector.PHONE, in)).isEqualTo(in);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '#',
            value = {
                "from 192.168.1.10:8080 ok#from [ipv4]:8080 ok",
                "ip=10.0.0.1,#ip=[ipv4],",
                "peer 255.255.255.255.#peer [ipv4].",
                "version 1.2.3.4#version [ipv4]",
                "1|1893023|10.1.4.7|7712#1|1893023|[ipv4]|7712",
            })
    void ipv4DetectorShouldMaskAddresses(String in, String out) {
        assertThat(redact(Detector.IPV4, in)).isEqualTo(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1.2.3.4", "1.2.3.4.5", "256.1.1.1", "1.2.3", "2026.11.28", "01.2.3.4", "3.14159"})
    void ipv4DetectorShouldLeaveVersionsAndNumbers(String in) {
        assertThat(redact(Detector.IPV4, in)).isEqualTo(in);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "from 2001:db8::1 ok|from [ipv6] ok",
                "[fe80::1%eth0]:80|[[ipv6]]:80",
                "lo ::1|lo [ipv6]",
                "mapped ::ffff:192.168.1.1.|mapped [ipv6].",
                "2001:0db8:85a3:0000:0000:8a2e:0370:7334|[ipv6]",
                "ip:2001:db8::7:|ip:[ipv6]:",
            })
    void ipv6DetectorShouldMaskAddresses(String in, String out) {
        assertThat(redact(Detector.IPV6, in)).isEqualTo(out);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10:00:53",
                "at 2026-11-28T10:00:53.123Z",
                "mac 00:1a:2b:3c:4d:5e",
                "Class::method add:: dead::beef",
                "1:2:3:4:5:6:7:8:9",
                "2001:db8:::1",
                "12345::1",
            })
    void ipv6DetectorShouldLeaveTimesAndNames(String in) {
        assertThat(redact(Detector.IPV6, in)).isEqualTo(in);
    }
}
