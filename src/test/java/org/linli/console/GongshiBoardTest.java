package org.linli.console;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.linli.poll.PollWorld;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Issue 12: the public 公示 board, no login, with an ETag. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class GongshiBoardTest {

    @AfterEach
    void resetClock() {
        PollWorld.clock().reset();
    }

    @Test
    void aPublishedResultIsOnTheBoardWithItsThresholdsAndNoPersonalData() {
        PollWorld w = new PollWorld();
        Response empty = given().get("/gongshi/" + w.code);
        empty.then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("暂无公示中的表决结果")).body(containsString("暂无办结公示"));
        String before = empty.header("ETag");
        assertNotNull(before);
        given().header("If-None-Match", before).get("/gongshi/" + w.code).then().statusCode(304);

        long poll = w.opened(w.draft("OWNERS_ORDINARY", w.building1Scope(),
                List.of(PollWorld.approval("是否同意更换物业公司")), Duration.ZERO, Duration.ofDays(2)));
        for (String who : new String[]{"A", "B", "D", "E"}) {
            w.vote(who, poll, 0).then().statusCode(200);
        }
        String staff = w.committee.token();
        Api.as(staff).body(Map.of("reason", "已达参与比例")).post(w.polls() + "/" + poll + "/close").then().statusCode(200);
        Api.as(staff).body(Map.of("statement", "表决通过，业委会将启动选聘程序。")).put(w.polls() + "/" + poll + "/outcome")
                .then().statusCode(200);
        Api.as(staff).post(w.polls() + "/" + poll + "/publish").then().statusCode(200);

        // The page is kept a few seconds; once that has passed the new result shows, with a new ETag.
        PollWorld.clock().advance(GongshiBoard.FRESH.plusSeconds(1));
        Response board = given().header("If-None-Match", before).get("/gongshi/" + w.code);
        board.then().statusCode(200).body(containsString("是否同意更换物业公司")).body(containsString("通过"))
                .body(containsString("表决通过，业委会将启动选聘程序。")).body(containsString("参与 4 / 6"))
                .body(not(containsString(w.person("A").login())));
        assertNotEquals(before, board.header("ETag"));
        assertEquals("public, max-age=10", board.header("Cache-Control"));
    }

    @Test
    void anUnknownCommunityIsNotFound() {
        given().get("/gongshi/NO-SUCH-CODE").then().statusCode(404);
    }
}
