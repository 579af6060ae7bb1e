package org.linli.bot;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.linli.support.LinliInfra;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.linli.bot.BotWorld.event;
import static org.linli.bot.BotWorld.newOpenid;
import static org.linli.bot.Says.says;

/** Scanning an invite card's QR code: the scene is the invite code, and 绑定 goes on without typing it. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class InviteScanTest {

    @Inject
    BotWorld world;

    @Test
    void aNewFollowerScanningAnInviteCardIsAskedOnlyRoleAndName() {
        String openid = newOpenid();
        BotWorld.Home home = world.home();
        String code = world.inviteCode(home);

        says(world.send(event(openid, IncomingMessage.Kind.SUBSCRIBE, "qrscene_" + code)), "业主");
        says(world.say(openid, "业主"), "称呼");
        says(world.say(openid, "王阿姨"), "已提交绑定申请", "3号楼2单元301", "业主");
        List<Row> memberships = world.membershipsOf(openid);
        assertEquals(1, memberships.size());
        assertEquals("PENDING", memberships.get(0).getString("status"));
    }

    @Test
    void aFollowerScanningAgainGetsTheSameQuestions() {
        String openid = newOpenid();
        String code = world.inviteCode(world.home());
        says(world.send(event(openid, IncomingMessage.Kind.SCAN, code)), "业主");
        says(world.say(openid, "家人"), "称呼");
    }

    @Test
    void aSceneThatIsNoCodeOrAnUnknownCodeIsHandledAsBefore() {
        String openid = newOpenid();
        says(world.send(event(openid, IncomingMessage.Kind.SUBSCRIBE, "qrscene_x")), "欢迎");
        says(world.send(event(openid, IncomingMessage.Kind.SUBSCRIBE, null)), "欢迎");
        String other = newOpenid();
        says(world.send(event(other, IncomingMessage.Kind.SCAN, "ZZZZ-ZZZZ")), "业主");
        says(world.say(other, "业主"), "称呼");
        says(world.say(other, "李先生"), "邀请码无效");
    }
}
