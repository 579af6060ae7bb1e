package org.linli.wechat.mp;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;
import org.linli.support.WechatCallbacks;
import org.linli.support.WechatCallbacks.Query;

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
}
