package org.linli.thread;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.linli.bot.BotWorld;
import org.linli.bot.Reply;
import org.linli.identity.Caller;
import org.linli.identity.Grant;
import org.linli.identity.Role;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.bot.BotWorld.await;

/** The chat side of threads: submit, timeline by SS-number, rating by digit, 重新办理. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class ThreadBotTest {

    @Inject
    BotWorld world;
    @Inject
    ThreadWorkflow workflow;
    @Inject
    ThreadService threads;

    private static String text(Reply r) {
        assertTrue(r != null && !r.isEmpty(), "the bot said nothing");
        return r.text();
    }

    private String submit(String openid, String what) {
        text(world.say(openid, "说事"));
        text(world.say(openid, what));
        text(world.say(openid, "3号楼"));
        text(world.say(openid, "跳过"));
        String done = text(world.say(openid, "确认"));
        Matcher m = Pattern.compile("SS-\\d{8}-\\d{4,}").matcher(done);
        assertTrue(m.find(), done);
        return m.group();
    }

    private Actor admin(long communityId) {
        Number id = given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", Api.ADMIN_PASSWORD)).post("/api/v1/auth/staff")
                .then().statusCode(200).extract().path("id");
        return Actor.staff(Caller.staff(id.longValue(), "管理员", List.of(new Grant(Role.ADMIN, null, null, null))),
                communityId);
    }

    @Test
    void theResidentFollowsRatesAndReopensFromTheChat() {
        String openid = BotWorld.newOpenid();
        world.verifiedResident(openid);
        String ref = submit(openid, "3号楼门口的路灯坏了好几天");
        ThreadSummary t = await(() -> threads.findByRef(ref));
        Actor staff = admin(t.communityId());

        String status = text(world.say(openid, ref.toLowerCase()));
        assertTrue(status.contains(ref) && status.contains("待受理"), status);
        assertTrue(status.contains("data-miniprogram-appid=\"wx-demo-mini-appid\"")
                && status.contains("data-miniprogram-path=\"pages/thread/detail?id=" + t.id() + "\""), status);
        assertTrue(text(world.say(openid, "SS-20990101-9999")).contains("没有找到"));

        await(() -> workflow.act(t.communityId(), t.id(), staff, ThreadAction.ACCEPT, null));
        await(() -> workflow.act(t.communityId(), t.id(), staff, ThreadAction.RESOLVE,
                new StaffMove(null, false, null, "已更换灯泡", null, null, null, null, null)));
        String timeline = text(world.say(openid, ref));
        assertTrue(timeline.contains("已办结") && timeline.contains("社区管理员 管理员") && timeline.contains("已更换灯泡"),
                timeline);

        String low = text(world.say(openid, "2"));
        assertTrue(low.contains("2 分") && low.contains("重新办理"), low);
        assertTrue(text(world.say(openid, "4")).contains("没有需要您评价"));
        String reopened = text(world.say(openid, "重新办理"));
        assertTrue(reopened.contains("已申请重新办理") && reopened.contains(ref), reopened);
        assertEquals("IN_PROGRESS", world.threadsOf(openid).get(0).getString("status"));
        String again = text(world.say(openid, "重新办理"));
        assertTrue(again.contains("没有可以重新办理"), again);
    }

}
