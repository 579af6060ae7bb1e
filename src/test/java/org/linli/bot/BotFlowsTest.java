package org.linli.bot;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.linli.support.LinliInfra;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.bot.BotWorld.click;
import static org.linli.bot.BotWorld.event;
import static org.linli.bot.BotWorld.image;
import static org.linli.bot.BotWorld.location;
import static org.linli.bot.BotWorld.newOpenid;
import static org.linli.bot.BotWorld.voice;
import static org.linli.bot.Says.finds;
import static org.linli.bot.Says.says;

/** Each flow of bot-scripts/ driven through Conversations.handle, as the gateway will. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class BotFlowsTest {

    private static final String REF = "SS-\\d{8}-\\d{4,}";

    @Inject
    BotWorld world;

    @Test
    void subscribeWelcomesAndExplainsHowToBind() {
        String openid = newOpenid();
        says(world.send(event(openid, IncomingMessage.Kind.SUBSCRIBE, null)), "欢迎", "绑定", "邀请码");
        assertNull(world.residentId(openid), "following alone stores nothing about the person");
    }

    @Test
    void subscribeOrScanOfAVerifiedResidentWelcomesBack() {
        String openid = newOpenid();
        world.verifiedResident(openid);
        says(world.send(event(openid, IncomingMessage.Kind.SUBSCRIBE, "qrscene_x")), "欢迎回来", "说事");
        says(world.send(event(openid, IncomingMessage.Kind.SCAN, "x")), "欢迎回来");
    }

    @Test
    void helpByWordByMenuAndWithVoicePunctuation() {
        String openid = newOpenid();
        says(world.say(openid, "帮助"), "说事", "我的", "绑定", "取消");
        says(world.send(click(openid, "MENU_HELP")), "说事");
        says(world.send(voice(openid, "帮助。")), "说事");
        says(world.say(openid, " 菜单！"), "说事");
        says(world.say(openid, "Help"), "说事");
    }

    @Test
    void unrecognisedInputGetsAHintNeverSilence() {
        String openid = newOpenid();
        says(world.say(openid, "今天天气怎么样"), "今天天气怎么样", "说事", "帮助");
        says(world.send(image(openid)), "说事");
        says(world.send(location(openid, 31.2, 121.4, "某地")), "说事");
        says(world.send(event(openid, IncomingMessage.Kind.OTHER, null)), "文字");
        says(world.send(click(openid, "MENU_RETIRED")), "菜单暂时不可用", "帮助");
        says(world.send(voice(openid, "")), "再说一次");
    }

    @Test
    void cancelOutsideAFlowSaysThereIsNothingToCancel() {
        says(world.say(newOpenid(), "取消"), "没有进行中");
    }

    @Test
    void unsubscribeIsSilentAndForgetsTheConversation() {
        String openid = newOpenid();
        world.verifiedResident(openid);
        world.say(openid, "说事");
        assertEquals("what", world.stateHash(openid).get("step"));
        assertEquals(Reply.NONE, world.send(event(openid, IncomingMessage.Kind.UNSUBSCRIBE, null)));
        assertTrue(world.stateHash(openid).isEmpty());
    }

    @Test
    void noticesMenuHasAPlaceholder() {
        says(world.send(click(newOpenid(), "MENU_NOTICES")), "公告");
    }

    // ------------------------------------------------------------------------------------------------ 说事

    @Test
    void shuoshiWithTypedPlaceAndNoPhotoStoresADraft() {
        String openid = newOpenid();
        long residentId = world.verifiedResident(openid);

        says(world.say(openid, "说事"), "发生了什么");
        says(world.say(openid, "3号楼2单元楼道灯坏了一个星期"), "在哪里");
        says(world.say(openid, "3号楼2单元"), "照片", "跳过");
        says(world.say(openid, "跳过"), "请核对", "楼道灯坏了", "地点：3号楼2单元", "照片：无");
        String done = finds(world.say(openid, "确认"), "编号 " + REF);

        List<Row> threads = world.threadsOf(openid);
        assertEquals(1, threads.size());
        Row t = threads.get(0);
        assertTrue(done.contains(t.getString("ref_no")));
        assertEquals("SUBMITTED", t.getString("status"));
        assertEquals("CHAT", t.getString("source"));
        assertEquals(residentId, t.getLong("resident_id"));
        assertNotNull(t.getLong("household_id"));
        assertEquals("3号楼2单元楼道灯坏了一个星期", t.getString("description"));
        assertEquals("3号楼2单元", t.getString("location_text"));
        assertNull(t.getValue("latitude"));
        assertNull(t.getString("photo_media_id"));
        assertTrue(world.stateHash(openid).isEmpty(), "the conversation ends");
    }

    @Test
    void shuoshiByMenuAndVoiceWithLocationAndPhoto() {
        String openid = newOpenid();
        world.verifiedResident(openid);

        says(world.send(click(openid, "MENU_SHUOSHI")), "发生了什么");
        says(world.send(voice(openid, "小区东门的垃圾桶满了没人清理。")), "在哪里");
        says(world.send(location(openid, 31.230416, 121.473701, "幸福里小区东门")), "照片");
        says(world.send(image(openid)), "地点：幸福里小区东门", "照片：已附");
        finds(world.say(openid, "好的"), REF);

        Row t = world.threadsOf(openid).get(0);
        assertEquals("小区东门的垃圾桶满了没人清理。", t.getString("description"));
        assertEquals("幸福里小区东门", t.getString("location_text"));
        assertEquals(31.230416, t.getDouble("latitude"));
        assertEquals(121.473701, t.getDouble("longitude"));
        assertTrue(t.getString("photo_media_id").startsWith("media-"));
        assertEquals("https://mmbiz.qpic.cn/test/photo.jpg", t.getString("photo_url"));
    }

    @Test
    void aLocationWithoutLabelIsDescribedByItsCoordinates() {
        String openid = newOpenid();
        world.verifiedResident(openid);
        world.say(openid, "说事");
        world.say(openid, "路灯不亮已经三天了");
        world.send(location(openid, 31.5, 121.25, ""));
        says(world.say(openid, "跳过"), "31.5", "121.25");
    }

    @Test
    void shuoshiRefusesInvalidInputAtEachStepAndKeepsTheStep() {
        String openid = newOpenid();
        world.verifiedResident(openid);
        world.say(openid, "说事");

        says(world.say(openid, "灯"), "至少 4 个字");
        assertEquals("what", world.stateHash(openid).get("step"));
        says(world.say(openid, "很长".repeat(300)), "500");
        says(world.send(image(openid)), "文字");
        says(world.say(openid, "楼道灯坏了很久了"), "在哪里");

        says(world.say(openid, "门"), "至少 2 个字");
        says(world.send(image(openid)), "发送位置");
        assertEquals("where", world.stateHash(openid).get("step"));
        world.say(openid, "5号楼东侧车棚");

        says(world.say(openid, "这里有张照片"), "跳过");
        says(world.send(location(openid, 1, 2, "x")), "跳过");
        assertEquals("photo", world.stateHash(openid).get("step"));
        world.send(image(openid));

        says(world.say(openid, "嗯嗯"), "确认", "取消");
        assertEquals("confirm", world.stateHash(openid).get("step"));
        assertTrue(world.threadsOf(openid).isEmpty());
        finds(world.say(openid, "确认"), REF);
    }

    @Test
    void cancelLeavesShuoshiAtAnyStepAndStoresNothing() {
        String openid = newOpenid();
        world.verifiedResident(openid);
        for (String cancelWord : List.of("取消", "退出。", "算了")) {
            world.say(openid, "说事");
            world.say(openid, "电梯又坏了，困了人");
            says(world.say(openid, cancelWord), "先不登记");
            assertTrue(world.stateHash(openid).isEmpty());
        }
        world.say(openid, "说事");
        world.say(openid, "电梯又坏了，困了人");
        world.say(openid, "1号楼");
        world.say(openid, "跳过");
        says(world.say(openid, "取消"), "先不登记");
        says(world.say(openid, "确认"), "没太明白");
        assertTrue(world.threadsOf(openid).isEmpty());
    }

    @Test
    void aMenuClickInTheMiddleOfAFlowStartsTheNewFlow() {
        String openid = newOpenid();
        world.verifiedResident(openid);
        world.say(openid, "说事");
        says(world.send(click(openid, "MENU_HELP")), "我是");
        assertTrue(world.stateHash(openid).isEmpty());
    }

    @Test
    void unboundResidentsAreToldToBindBeforeShuoshi() {
        String openid = newOpenid();
        says(world.say(openid, "说事"), "先绑定", "回复“绑定”");
        says(world.send(click(openid, "MENU_SHUOSHI")), "先绑定");
        assertTrue(world.stateHash(openid).isEmpty());
        assertNull(world.residentId(openid));
    }

    @Test
    void pendingResidentsAreToldTheyAwaitApproval() {
        String openid = newOpenid();
        world.resident(openid, world.home(), "PENDING");
        says(world.say(openid, "说事"), "等待居委会审核");
        assertTrue(world.stateHash(openid).isEmpty());
    }

    @Test
    void revokedMembershipsDoNotOpenShuoshi() {
        String openid = newOpenid();
        world.resident(openid, world.home(), "REVOKED");
        says(world.say(openid, "说事"), "先绑定");
    }

    // ------------------------------------------------------------------------------------------------ 绑定

    @Test
    void bindWithAnInviteCodeCreatesAPendingMembership() {
        String openid = newOpenid();
        BotWorld.Home home = world.home();
        String code = world.inviteCode(home);

        says(world.say(openid, "绑定"), "邀请码");
        says(world.say(openid, " " + code.toLowerCase().substring(0, 4) + "-" + code.substring(4)), "业主");
        says(world.say(openid, "租客"), "称呼");
        says(world.say(openid, "王阿姨"), "已提交绑定申请", home.communityName(), "3号楼2单元301", "租户");

        List<Row> memberships = world.membershipsOf(openid);
        assertEquals(1, memberships.size());
        assertEquals("PENDING", memberships.get(0).getString("status"));
        assertEquals("TENANT", memberships.get(0).getString("role"));

        says(world.say(openid, "绑定状态"), "待审核");
        says(world.say(openid, "我的"), "3号楼2单元301", "待审核");
        says(world.say(openid, "说事"), "等待居委会审核");
    }

    @Test
    void bindRefusesMalformedCodesUnknownRolesAndLongNames() {
        String openid = newOpenid();
        String code = world.inviteCode(world.home());
        world.send(click(openid, "MENU_BIND"));
        says(world.say(openid, "abc"), "8 位字母和数字");
        says(world.say(openid, "邀请码是多少"), "8 位字母和数字");
        assertEquals("code", world.stateHash(openid).get("step"));
        world.say(openid, code);
        says(world.say(openid, "房东的朋友"), "业主", "租户");
        assertEquals("role", world.stateHash(openid).get("step"));
        world.say(openid, "业主");
        says(world.say(openid, "名".repeat(21)), "20");
        assertEquals("name", world.stateHash(openid).get("step"));
        says(world.say(openid, "退出"), "已取消绑定");
        assertTrue(world.membershipsOf(openid).isEmpty());
    }

    @Test
    void bindWithAnUnknownOrUsedCodeSaysWhy() {
        String openid = newOpenid();
        world.say(openid, "绑定");
        world.say(openid, "NOSUCHCODE1");
        world.say(openid, "业主");
        says(world.say(openid, "李先生"), "邀请码无效");
        assertTrue(world.stateHash(openid).isEmpty());

        String code = world.inviteCode(world.home());
        String first = newOpenid();
        world.say(first, "绑定");
        world.say(first, code);
        world.say(first, "业主");
        says(world.say(first, "张先生"), "已提交");
        world.say(openid, "绑定");
        world.say(openid, code);
        world.say(openid, "家属");
        says(world.say(openid, "李先生"), "已经被使用");
    }

    @Test
    void bindStatusShowsARejectedApplication() {
        String openid = newOpenid();
        world.resident(openid, world.home(), "REJECTED");
        says(world.say(openid, "审核进度"), "3号楼2单元301", "未通过", "联系居委会");
    }

    @Test
    void bindStatusWithoutAnyApplication() {
        says(world.say(newOpenid(), "绑定状态"), "还没有提交");
    }

    // ------------------------------------------------------------------------------------------------ 我的

    @Test
    void myShowsHouseholdStatusAndRecentThreads() {
        String openid = newOpenid();
        says(world.send(click(openid, "MENU_MY")), "还没有绑定");

        world.verifiedResident(openid);
        says(world.say(openid, "我的"), "3号楼2单元301", "已认证", "业主", "还没有说过事");

        world.say(openid, "说事");
        world.say(openid, "楼下的快递柜总是坏，取不了件");
        world.say(openid, "小区北门");
        world.say(openid, "跳过");
        String ref = world.say(openid, "确认").text().replaceAll("(?s).*(SS-\\d{8}-\\d+).*", "$1");
        says(world.say(openid, "我的"), ref, "待受理", "楼下的快递柜总是坏");
    }

    @Test
    void residentWordsAreNeitherEscapedNorInterpreted() {
        String openid = newOpenid();
        world.verifiedResident(openid);
        world.say(openid, "说事");
        world.say(openid, "<b>{what}</b> & 楼道很脏");
        world.say(openid, "1号楼");
        says(world.say(openid, "跳过"), "事情：<b>{what}</b> & 楼道很脏");
    }
}
