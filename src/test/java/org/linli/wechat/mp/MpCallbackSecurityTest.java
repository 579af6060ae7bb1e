package org.linli.wechat.mp;

import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;
import org.linli.support.WechatCallbacks;
import org.linli.support.WechatCallbacks.Query;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The callback endpoint refuses whatever does not come from WeChat, and survives hostile input. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class MpCallbackSecurityTest {

    @Test
    void urlVerificationEchoesOnlyWhenSigned() {
        Query q = Query.now();
        given().queryParam("signature", q.signature()).queryParam("timestamp", q.timestamp())
                .queryParam("nonce", q.nonce()).queryParam("echostr", "echo-123")
                .get("/wechat/mp").then().statusCode(200).body(equalTo("echo-123"));
        given().queryParam("signature", "0000").queryParam("timestamp", q.timestamp())
                .queryParam("nonce", q.nonce()).queryParam("echostr", "echo-123")
                .get("/wechat/mp").then().statusCode(401);
        given().get("/wechat/mp").then().statusCode(401);
    }

    @Test
    void wrongSignatureIs401() {
        Query q = Query.now();
        String xml = WechatCallbacks.text(Api.unique("o"), "帮助", WechatCallbacks.nextMsgId());
        WechatCallbacks.postPlain(xml, new Query(q.timestamp(), q.nonce(), "f".repeat(40)))
                .then().statusCode(401).body("code", equalTo("CALLBACK_SIGNATURE"));
    }

    @Test
    void timestampOutsideTheWindowIs401() {
        String xml = WechatCallbacks.text(Api.unique("o"), "帮助", WechatCallbacks.nextMsgId());
        WechatCallbacks.postPlain(xml, Query.at(System.currentTimeMillis() / 1000 - 3600))
                .then().statusCode(401).body("code", equalTo("CALLBACK_STALE"));
    }

    @Test
    void aSignedQueryReusedForAnotherMessageIsAReplay() {
        Query q = Query.now();
        String openid = Api.unique("o");
        WechatCallbacks.postPlain(WechatCallbacks.text(openid, "帮助", WechatCallbacks.nextMsgId()), q)
                .then().statusCode(200);
        WechatCallbacks.postPlain(WechatCallbacks.text(openid, "我的", WechatCallbacks.nextMsgId()), q)
                .then().statusCode(401).body("code", equalTo("CALLBACK_REPLAYED"));
    }

    @Test
    void wechatRetriesGetTheSameReply() {
        String xml = WechatCallbacks.text(Api.unique("o"), "帮助", WechatCallbacks.nextMsgId());
        Query q = Query.now();
        String first = WechatCallbacks.postPlain(xml, q).then().statusCode(200).extract().asString();
        String retry = WechatCallbacks.postPlain(xml, q).then().statusCode(200).extract().asString();
        String laterRetry = WechatCallbacks.postPlain(xml).then().statusCode(200).extract().asString();
        assertEquals(WechatCallbacks.tag(first, "Content"), WechatCallbacks.tag(retry, "Content"));
        assertEquals(WechatCallbacks.tag(first, "Content"), WechatCallbacks.tag(laterRetry, "Content"));
    }

    @Test
    void encryptedRequestsGetEncryptedReplies() {
        String openid = Api.unique("o");
        String reply = WechatCallbacks.postEncrypted(WechatCallbacks.text(openid, "帮助", WechatCallbacks.nextMsgId()),
                WechatCallbacks.APP_ID).then().statusCode(200).extract().asString();
        assertTrue(reply.contains("<Encrypt>") && !reply.contains("<Content>"), reply);
        String plain = WechatCallbacks.decryptReply(reply);
        assertEquals(openid, WechatCallbacks.tag(plain, "ToUserName"));
        assertTrue(!WechatCallbacks.tag(plain, "Content").isBlank(), plain);
    }

    @Test
    void ciphertextForAnotherAppIsRefused() {
        WechatCallbacks.postEncrypted(WechatCallbacks.text(Api.unique("o"), "帮助", WechatCallbacks.nextMsgId()),
                "wx-some-other-app").then().statusCode(401).body("code", equalTo("CALLBACK_SIGNATURE"));
    }

    @Test
    void externalEntitiesAreRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>1</CreateTime>"
                + "<MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>";
        WechatCallbacks.postPlain(xxe).then().statusCode(400).body("code", equalTo("CALLBACK_DTD"))
                .body(not(org.hamcrest.Matchers.containsString("root:")));
        String remote = xxe.replace("file:///etc/passwd", "http://127.0.0.1:1/evil");
        WechatCallbacks.postPlain(remote).then().statusCode(400);
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">");
        }
        dtd.append("]><xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><MsgType>text</MsgType>"
                + "<Content>&lol9;</Content></xml>");
        WechatCallbacks.postPlain(dtd.toString()).then().statusCode(400).body("code", equalTo("CALLBACK_DTD"));
    }

    @Test
    void oversizedBodiesAre413() {
        String xml = WechatCallbacks.text(Api.unique("o"), "x".repeat(70 * 1024), WechatCallbacks.nextMsgId());
        WechatCallbacks.postPlain(xml).then().statusCode(413);
    }

    @Test
    void nonXmlAndBrokenXmlAre400() {
        WechatCallbacks.postPlain("{\"hello\":\"json\"}").then().statusCode(400).body("code", equalTo("CALLBACK_MALFORMED"));
        WechatCallbacks.postPlain("<xml><ToUserName>gh</ToUserName><FromUserName>o").then().statusCode(400);
        WechatCallbacks.postPlain("").then().statusCode(400);
    }

    @Test
    void unknownMessageTypesGetAPoliteReplyNotA500() {
        String xml = "<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[" + Api.unique("o")
                + "]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[shortvideo]]></MsgType>"
                + "<MediaId>m</MediaId><MsgId>" + WechatCallbacks.nextMsgId() + "</MsgId></xml>";
        String reply = WechatCallbacks.postPlain(xml).then().statusCode(200).extract().asString();
        assertTrue(!WechatCallbacks.tag(reply, "Content").isBlank(), reply);
    }

    // --- 64 KB read before JAX-RS buffers anything (CallbackBodyLimit) -------------------------------------------

    /** A chunked body that passes 64 KB and never ends: answered once the limit is passed, not at its end. */
    @Test
    void aChunkedBodyOverTheLimitIs413AsSoonAsItPassesIt() throws Exception {
        assertEquals("HTTP/1.1 413 Request Entity Too Large", rawPost("Transfer-Encoding: chunked\r\n",
                Integer.toHexString(100 * 1024) + "\r\n<xml>" + "x".repeat(100 * 1024 - 5) + "\r\n"));
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        Query q = Query.now();
        byte[] xml = WechatCallbacks.text(Api.unique("o"), "x".repeat(100 * 1024), WechatCallbacks.nextMsgId())
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/wechat/mp?signature=" + q.signature() + "&timestamp=" + q.timestamp() + "&nonce=" + q.nonce()))
                .header("Content-Type", "text/xml").timeout(Duration.ofSeconds(10))
                // An InputStream publisher has no known length, so the client sends it chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(xml))).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("\"code\":\"PAYLOAD_TOO_LARGE\""), response.body());
    }

    /** Declares 5 MB and sends 1 KB: answered from the header at once, not after waiting for the 5 MB. */
    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeTheBodyArrives() throws Exception {
        assertEquals("HTTP/1.1 413 Request Entity Too Large",
                rawPost("Content-Length: 5000000\r\n", "<xml>" + "x".repeat(1024)));
    }

    /** Sends the head and a part of a body, never the rest; returns the status line (read within 5 s). */
    private static String rawPost(String framing, String partOfBody) throws Exception {
        Query q = Query.now();
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /wechat/mp?signature=" + q.signature() + "&timestamp=" + q.timestamp() + "&nonce="
                    + q.nonce() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\n" + framing + "\r\n"
                    + partOfBody).getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    @Test
    void aBodyJustUnderTheLimitIsRead() {
        String openid = Api.unique("o");
        String xml = WechatCallbacks.text(openid, "帮助", WechatCallbacks.nextMsgId());
        String padded = xml.replace("</xml>", "<Pad>" + "x".repeat(CallbackBodyLimit.MAX_BODY - xml.length() - 20)
                + "</Pad></xml>");
        assertTrue(padded.getBytes(StandardCharsets.UTF_8).length <= CallbackBodyLimit.MAX_BODY);
        String reply = WechatCallbacks.postPlain(padded).then().statusCode(200).extract().asString();
        assertTrue(reply.contains(openid), reply);
    }
}
