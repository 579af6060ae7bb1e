package org.linli.wechat;

import org.linli.wechat.fake.FakeWechat;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;
import org.linli.wechat.fake.FakeWechatServer;
import org.linli.wechat.fake.WechatPaths;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class MenuAndDevChatTest {

    @Inject
    FakeWechat endpoint;

    @Test
    void theMenuFromBotScriptsIsPushedToWechatByThePlatformAdmin() {
        FakeWechatServer wechat = endpoint.fake().orElseThrow();
        wechat.clearCalls();
        Api.as(Api.adminToken()).post("/api/v1/admin/wechat/menu").then().statusCode(200).body("buttons", equalTo(3));
        List<FakeWechatServer.Call> calls = wechat.calls(WechatPaths.MENU_CREATE).stream()
                .filter(c -> c.errcode() == 0).toList();
        assertEquals(1, calls.size());
        assertTrue(calls.get(0).body().contains("MENU_SHUOSHI") && calls.get(0).body().contains("说事"),
                calls.get(0).body());

        String committee = Api.newStaff(Api.adminToken(), Api.newCommunity(Api.adminToken()), "COMMITTEE");
        Api.as(committee).post("/api/v1/admin/wechat/menu").then().statusCode(403);
    }

    @Test
    void theDevChatSimulatorTalksToTheRealEndpoint() {
        given().get("/dev/chat").then().statusCode(200).body(containsString("对话模拟器"));
        given().contentType(ContentType.JSON)
                .body(Map.of("openid", Api.unique("dev"), "type", "text", "text", "帮助", "encrypted", true))
                .post("/dev/chat/send")
                .then().statusCode(200)
                .body("status", equalTo(200))
                .body("reply", containsString("说事"));
    }
}
