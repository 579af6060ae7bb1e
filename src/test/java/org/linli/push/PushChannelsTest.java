package org.linli.push;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.LinliInfra;
import org.linli.support.WechatCallbacks;
import org.linli.wechat.fake.FakeWechatServer;
import org.linli.wechat.fake.WechatPaths;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.push.PushWorld.ids;
import static org.linli.push.PushWorld.message;
import static org.linli.push.PushWorld.unique;
import static org.linli.support.WechatCallbacks.consentItem;

/** Each channel's success path, the order channels are tried in, the 48 h kefu window, delivery figures. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class PushChannelsTest {

    private static final String MINI_TEMPLATE = "demo-mini-notice";
    private static final String MP_SUBSCRIBE_TEMPLATE = "demo-mp-subscribe-notice";

    @Inject
    PushWorld world;

    @Inject
    PushStats stats;

    FakeWechatServer wechat;
    long community;

    @BeforeEach
    void setUp() {
        world.reset();
        wechat = world.wechat;
        community = world.community();
    }

    private String push(List<PushWorld.Person> people) {
        String ref = unique("notice:");
        world.enqueue(message(community, ref, true), ids(people));
        world.drain();
        return ref;
    }

    @Test
    void templateMessageCarriesTheIdempotencyKeyAndKeywordsWithinWechatRules() {
        var person = world.resident(community, false, true);
        String ref = unique("notice:");
        world.enqueue(new PushMessage(community, ref, "NOTICE", true, "停水通知",
                "因管道检修\n3号楼周六9:00-17:00停水，请提前储水，谢谢配合 🙏", "pages/notice/detail?id=7", Map.of(), null),
                List.of(person.id()));
        world.drain();

        Row row = world.delivery(ref, person.id());
        assertEquals("SENT", row.getString("status"));
        assertEquals("MP_TEMPLATE", row.getString("channel"));
        assertNotNull(row.getString("wx_msg_id"));
        List<FakeWechatServer.Delivery> sent = wechat.deliveriesTo(person.mpOpenid());
        assertEquals(1, sent.size());
        JsonObject body = sent.get(0).body();
        assertEquals(WechatPaths.TEMPLATE_SEND, sent.get(0).path());
        assertEquals("linli-" + row.getLong("id"), body.getString("client_msg_id"));
        assertEquals("demo-mp-notice", body.getString("template_id"));
        assertEquals("pages/notice/detail?id=7", body.getJsonObject("miniprogram").getString("pagepath"));
        JsonObject data = body.getJsonObject("data");
        assertEquals("停水通知", data.getJsonObject("thing1").getString("value"));
        String summary = data.getJsonObject("thing2").getString("value");
        assertEquals(20, summary.codePointCount(0, summary.length()), summary);
        assertTrue(summary.endsWith("…"));
        assertFalse(summary.contains("\n") || summary.contains("🙏"), summary);
        assertTrue(data.getJsonObject("time3").getString("value").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d"));
        assertEquals(1, world.attempts(ref, person.id()).size());
    }

    @Test
    void keywordValuesComeFromTheConfiguredMapping() {
        var person = world.resident(community, false, true);
        String ref = unique("notice:");
        world.enqueue(new PushMessage(community, ref, "NOTICE", true, "停电通知", "摘要", null,
                Map.of("publishAt", "2026-12-01 09:00"), null), List.of(person.id()));
        world.drain();
        JsonObject data = wechat.deliveriesTo(person.mpOpenid()).get(0).body().getJsonObject("data");
        assertEquals("2026-12-01 09:00", data.getJsonObject("time3").getString("value"), "time3=publishAt|time");
        assertEquals(Map.of("thing1", "停电通知", "thing2", "摘要", "time3", "2026-12-01 09:00"),
                Map.of("thing1", data.getJsonObject("thing1").getString("value"),
                        "thing2", data.getJsonObject("thing2").getString("value"),
                        "time3", data.getJsonObject("time3").getString("value")));
        assertFalse(wechat.deliveriesTo(person.mpOpenid()).get(0).body().containsKey("miniprogram"), "no page");
    }

    @Test
    void miniProgramSubscribeMessageUsesOneConsent() {
        var person = world.resident(community, true, true);
        world.grantConsent(person.id(), MINI_TEMPLATE, 2);
        String ref = push(List.of(person));

        assertEquals("MINI_SUBSCRIBE", world.delivery(ref, person.id()).getString("channel"));
        assertEquals(1, world.consentLeft(person.id(), MINI_TEMPLATE));
        List<FakeWechatServer.Delivery> sent = wechat.deliveriesTo(person.miniOpenid());
        assertEquals(1, sent.size());
        assertEquals(WechatPaths.MA_SUBSCRIBE_SEND, sent.get(0).path());
        assertEquals(MINI_TEMPLATE, sent.get(0).body().getString("template_id"));
        assertEquals("pages/notice/detail?id=1", sent.get(0).body().getString("page"));
        assertTrue(wechat.deliveriesTo(person.mpOpenid()).isEmpty(), "one channel per delivery");
    }

    @Test
    void officialAccountSubscribeNotificationsUseConsentsFromThePopup() {
        var person = world.resident(community, false, true);
        world.grantConsent(person.id(), "demo-mp-subscribe-thread-status", 1);
        long at = Instant.now().getEpochSecond();
        String popup = WechatCallbacks.subscribeMsgEvent(person.mpOpenid(), "subscribe_msg_popup_event",
                "SubscribeMsgPopupEvent", at, consentItem(MP_SUBSCRIBE_TEMPLATE, "accept"),
                consentItem("not-our-template", "accept"), consentItem("demo-mp-subscribe-thread-status", "reject"));
        WechatCallbacks.postPlain(popup).then().statusCode(200).body(equalTo("success"));
        WechatCallbacks.postPlain(popup).then().statusCode(200).body(equalTo("success"));
        assertEquals(1, world.consentLeft(person.id(), MP_SUBSCRIBE_TEMPLATE), "WeChat's retry counts once");
        assertEquals(0, world.consentLeft(person.id(), "not-our-template"), "templates we do not use are ignored");
        assertEquals(1, world.consentLeft(person.id(), "demo-mp-subscribe-thread-status"),
                "declining a popup leaves earlier consents alone");
        assertFalse(world.kefuWindow.reserve(person.mpOpenid()),
                "a consent event is not the user writing to us: it opens no customer-service window");

        String ref = push(List.of(person));
        assertEquals("MP_SUBSCRIBE", world.delivery(ref, person.id()).getString("channel"));
        assertEquals(0, world.consentLeft(person.id(), MP_SUBSCRIBE_TEMPLATE));
        List<FakeWechatServer.Delivery> sent = wechat.deliveriesTo(person.mpOpenid());
        assertEquals(1, sent.size());
        assertEquals(WechatPaths.MP_SUBSCRIBE_SEND, sent.get(0).path());
        assertEquals(MP_SUBSCRIBE_TEMPLATE, sent.get(0).body().getString("template_id"));
        assertEquals("pages/notice/detail?id=1",
                sent.get(0).body().getJsonObject("miniprogram").getString("pagepath"));
        assertEquals("停水通知：3号楼周六停水", sent.get(0).body().getJsonObject("data").getJsonObject("thing1")
                .getString("value"));

        assertEquals("MP_TEMPLATE", world.delivery(push(List.of(person)), person.id()).getString("channel"),
                "the consent is used up: the next push is a template message");
    }

    @Test
    void aSubscribeMessageRefusedAfterSendingGoesOnToTheNextChannel() {
        var person = world.resident(community, false, true);
        world.grantConsent(person.id(), MP_SUBSCRIBE_TEMPLATE, 2);
        String ref = push(List.of(person));
        Row sent = world.delivery(ref, person.id());
        assertEquals("MP_SUBSCRIBE", sent.getString("channel"));
        String msgId = sent.getString("wx_msg_id");
        assertNotNull(msgId, "bizsend's msgid is kept to match WeChat's later report");

        WechatCallbacks.postPlain(WechatCallbacks.subscribeMsgEvent(person.mpOpenid(), "subscribe_msg_sent_event",
                "SubscribeMsgSentEvent", Instant.now().getEpochSecond() + 1,
                "<TemplateId><![CDATA[" + MP_SUBSCRIBE_TEMPLATE + "]]></TemplateId><MsgID>" + msgId + "</MsgID>"
                        + "<ErrorCode>43101</ErrorCode><ErrorStatus><![CDATA[failed:user refuse to accept the msg]]>"
                        + "</ErrorStatus>")).then().statusCode(200).body(equalTo("success"));
        assertEquals("PENDING", world.status(ref, person.id()));
        assertEquals(0, world.consentLeft(person.id(), MP_SUBSCRIBE_TEMPLATE), "WeChat holds none for us");

        world.drain();
        Row after = world.delivery(ref, person.id());
        assertEquals("SENT", after.getString("status"));
        assertEquals("MP_TEMPLATE", after.getString("channel"));
        assertEquals(2, wechat.deliveriesTo(person.mpOpenid()).size());
    }

    @Test
    void consentsSwitchedOffOrRefusedInWechatAreGone() {
        var person = world.resident(community, false, true);
        long at = Instant.now().getEpochSecond();
        WechatCallbacks.postPlain(WechatCallbacks.subscribeMsgEvent(person.mpOpenid(), "subscribe_msg_popup_event",
                "SubscribeMsgPopupEvent", at, consentItem(MP_SUBSCRIBE_TEMPLATE, "accept"),
                consentItem("demo-mp-subscribe-thread-status", "accept"))).then().statusCode(200);
        WechatCallbacks.postPlain(WechatCallbacks.subscribeMsgEvent(person.mpOpenid(), "subscribe_msg_popup_event",
                "SubscribeMsgPopupEvent", at + 1, consentItem(MP_SUBSCRIBE_TEMPLATE, "accept"))).then().statusCode(200);
        assertEquals(2, world.consentLeft(person.id(), MP_SUBSCRIBE_TEMPLATE));
        assertEquals(1, world.consentLeft(person.id(), "demo-mp-subscribe-thread-status"));

        WechatCallbacks.postPlain(WechatCallbacks.subscribeMsgEvent(person.mpOpenid(), "subscribe_msg_change_event",
                "SubscribeMsgChangeEvent", at + 2, consentItem(MP_SUBSCRIBE_TEMPLATE, "reject")))
                .then().statusCode(200).body(equalTo("success"));
        assertEquals(0, world.consentLeft(person.id(), MP_SUBSCRIBE_TEMPLATE), "switched off in WeChat's settings");

        WechatCallbacks.postPlain(WechatCallbacks.subscribeMsgEvent(person.mpOpenid(), "subscribe_msg_sent_event",
                "SubscribeMsgSentEvent", at + 3, "<TemplateId><![CDATA[demo-mp-subscribe-thread-status]]></TemplateId>"
                        + "<MsgID>1700827132819554304</MsgID><ErrorCode>43101</ErrorCode>"
                        + "<ErrorStatus><![CDATA[failed:user refuse to accept the msg]]></ErrorStatus>"))
                .then().statusCode(200).body(equalTo("success"));
        assertEquals(0, world.consentLeft(person.id(), "demo-mp-subscribe-thread-status"), "refused by the user");
    }

    @Test
    void withoutAConsentTheTemplateMessageIsUsed() {
        var person = world.resident(community, true, true);
        String ref = push(List.of(person));
        assertEquals("MP_TEMPLATE", world.delivery(ref, person.id()).getString("channel"));
        assertTrue(wechat.calls(WechatPaths.MA_SUBSCRIBE_SEND).isEmpty());
    }

    @Test
    void customerServiceMessageInsideTheWindow() {
        var person = world.resident(community, false, true);
        wechat.failFor(WechatPaths.TEMPLATE_SEND, person.mpOpenid(), 43004);
        world.wrote(person.mpOpenid(), Instant.now().minus(Duration.ofHours(47)));
        String ref = push(List.of(person));

        assertEquals("SENT", world.status(ref, person.id()));
        assertEquals("MP_KEFU", world.delivery(ref, person.id()).getString("channel"));
        List<FakeWechatServer.Delivery> sent = wechat.deliveriesTo(person.mpOpenid());
        assertEquals(1, sent.size());
        assertEquals(WechatPaths.KEFU_SEND, sent.get(0).path());
        String content = sent.get(0).body().getJsonObject("text").getString("content");
        assertTrue(content.startsWith("【停水通知：3号楼周六停水】"), content);
        assertTrue(content.contains("data-miniprogram-path=\"pages/notice/detail?id=1\""), content);
    }

    @Test
    void noCustomerServiceMessageAfterFortyEightHours() {
        var person = world.resident(community, false, true);
        wechat.failFor(WechatPaths.TEMPLATE_SEND, person.mpOpenid(), 43004);
        world.wrote(person.mpOpenid(), Instant.now().minus(Duration.ofHours(49)));
        String ref = push(List.of(person));

        assertEquals("IN_APP", world.status(ref, person.id()));
        assertTrue(wechat.calls(WechatPaths.KEFU_SEND).isEmpty());
    }

    @Test
    void atMostFiveCustomerServiceMessagesPerWindow() {
        var person = world.resident(community, false, true);
        wechat.failFor(WechatPaths.TEMPLATE_SEND, person.mpOpenid(), 43004);
        world.wrote(person.mpOpenid(), Instant.now().minus(Duration.ofHours(1)));
        for (int i = 0; i < 6; i++) {
            push(List.of(person));
        }
        assertEquals(5, wechat.deliveries(WechatPaths.KEFU_SEND).size());
        assertEquals(1, world.count("SELECT count(*) FROM push_delivery WHERE resident_id = $1 AND status = 'IN_APP'",
                io.vertx.mutiny.sqlclient.Tuple.of(person.id())));
        assertEquals(1, wechat.calls(WechatPaths.TEMPLATE_SEND).stream().filter(c -> c.errcode() == 43004).count(),
                "43004 is remembered: later pushes skip the template call");
    }

    @Test
    void residentsWithoutWechatChannelsGetItInApp() {
        var person = world.resident(community, false, false);
        String ref = push(List.of(person));
        Row row = world.delivery(ref, person.id());
        assertEquals("IN_APP", row.getString("status"));
        assertEquals("IN_APP", row.getString("channel"));
        assertTrue(wechat.calls().stream().noneMatch(c -> c.path().contains("/message/")));
    }

    @Test
    void channelsAreTriedInOrderUntilOneTakesTheMessage() {
        var person = world.resident(community, true, true);
        world.grantConsent(person.id(), MINI_TEMPLATE, 3);
        world.grantConsent(person.id(), MP_SUBSCRIBE_TEMPLATE, 1);
        wechat.failFor(WechatPaths.MA_SUBSCRIBE_SEND, person.miniOpenid(), 43101);
        wechat.failFor(WechatPaths.MP_SUBSCRIBE_SEND, person.mpOpenid(), 43101);
        wechat.failFor(WechatPaths.TEMPLATE_SEND, person.mpOpenid(), 43004);
        world.wrote(person.mpOpenid(), Instant.now());
        String ref = push(List.of(person));

        Row row = world.delivery(ref, person.id());
        assertEquals("SENT", row.getString("status"));
        assertEquals("MP_KEFU", row.getString("channel"));
        assertEquals(3, row.getInteger("channel_floor"));
        List<String> tried = world.attempts(ref, person.id()).stream()
                .map(a -> a.getString("channel") + ":" + a.getString("verdict") + ":" + a.getInteger("errcode"))
                .toList();
        assertEquals(List.of("MINI_SUBSCRIBE:CLOSED:43101", "MP_SUBSCRIBE:CLOSED:43101", "MP_TEMPLATE:CLOSED:43004",
                "MP_KEFU:SENT:0"), tried);
        assertEquals(0, world.consentLeft(person.id(), MINI_TEMPLATE), "43101: WeChat holds no consent any more");
        assertEquals(0, world.consentLeft(person.id(), MP_SUBSCRIBE_TEMPLATE));
    }

    @Test
    void figuresPerMessageAndPerResident() {
        var template = world.residents(community, 3, false, true);
        var inApp = world.residents(community, 2, false, false);
        var mini = world.resident(community, true, false);
        world.grantConsent(mini.id(), MINI_TEMPLATE, 1);
        var everyone = new java.util.ArrayList<>(template);
        everyone.addAll(inApp);
        everyone.add(mini);
        String ref = push(everyone);

        PushStats.Figures figures = stats.forSource(ref).await().atMost(Duration.ofSeconds(10));
        assertEquals(6, figures.total());
        assertEquals(4, figures.count(DeliveryStatus.SENT));
        assertEquals(2, figures.count(DeliveryStatus.IN_APP));
        assertEquals(0, figures.count(DeliveryStatus.PENDING));
        assertEquals(3, figures.byChannel().get(Channel.MP_TEMPLATE));
        assertEquals(1, figures.byChannel().get(Channel.MINI_SUBSCRIBE));
        assertEquals(2, figures.byChannel().get(Channel.IN_APP));

        var one = stats.forResident(ref, mini.id()).await().atMost(Duration.ofSeconds(10)).orElseThrow();
        assertEquals(DeliveryStatus.SENT, one.status());
        assertEquals(Channel.MINI_SUBSCRIBE, one.channel());
        assertTrue(stats.forResident(ref, -1).await().atMost(Duration.ofSeconds(10)).isEmpty());
        assertEquals(0, stats.forSource("nothing:" + ref).await().atMost(Duration.ofSeconds(10)).total());
    }
}
