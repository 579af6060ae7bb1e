package org.linli.common;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.linli.support.LinliInfra;
import org.linli.support.Parallel;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8 §2: a hostile anonymous request made WeChat's URL (with the app secret) appear in the log at ERROR. The
 * hostile requests of the issue are sent, and the application log written meanwhile (quarkus.log.file in the test
 * profile, through the same filter as the console) must hold none of the configured secrets and no forged line.
 */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class LogSecretsTest {

    static final Path LOG = Path.of("target/linli-test.log");

    @ConfigProperty(name = "linli.wechat.mp.secret")
    String mpSecret;
    @ConfigProperty(name = "linli.wechat.mini.secret")
    String miniSecret;
    @ConfigProperty(name = "linli.wechat.mp.token")
    String token;
    @ConfigProperty(name = "linli.wechat.mp.aes-key")
    String aesKey;
    @ConfigProperty(name = "linli.phone-hash-key")
    String phoneHashKey;

    @Test
    void hostileRequestsLeaveNoSecretAndNoForgedLineInTheLog() throws IOException {
        long from = Files.exists(LOG) ? Files.size(LOG) : 0;

        for (String code : List.of("code-x&js_code=code-admin", "code-y#frag", "code-a b", "a\u0000b", "x".repeat(129))) {
            given().contentType(ContentType.JSON).body("{\"code\":" + Parallel.json(code) + "}").post("/api/v1/auth/mini");
        }
        given().contentType(ContentType.JSON).body(Map.of("username", "mallory\nFORGED-LINE ERROR admin logged in",
                "password", "wrong-password")).post("/api/v1/auth/staff").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("username", "mallory\r\nFORGED-LINE2", "password", "x1234567"))
                .post("/api/v1/auth/staff");
        // What any library might log on failure: a WeChat URL carrying the secrets, in a message and an exception.
        String url = "https://api.weixin.qq.com/sns/jscode2session?appid=wx-demo-mini-appid&secret=" + miniSecret
                + "&js_code=abc&grant_type=authorization_code";
        Logger.getLogger("org.linli.test").errorf(new IllegalStateException("GET " + url + " failed"),
                "WeChat call failed: %s (token=%s, aes_key=%s, mp secret=%s, phone-hash-key=%s)",
                url, token, aesKey, mpSecret, phoneHashKey);

        String written = readFrom(from);
        assertTrue(written.contains("WeChat call failed"), "the log file is not being written: " + LOG.toAbsolutePath());
        assertTrue(written.contains("java.lang.IllegalStateException"), "exceptions keep their type and frames");
        for (String secret : List.of(mpSecret, miniSecret, token, aesKey, phoneHashKey)) {
            assertFalse(written.contains(secret), "secret in the log: " + secret);
        }
        assertFalse(written.lines().anyMatch(line -> line.startsWith("FORGED-LINE")), "a client forged a log line");
    }

    private static String readFrom(long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(LOG.toFile(), "r")) {
            file.seek(offset);
            byte[] bytes = new byte[(int) (file.length() - offset)];
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
