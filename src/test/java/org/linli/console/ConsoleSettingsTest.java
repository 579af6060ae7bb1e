package org.linli.console;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;
import org.linli.thread.ThreadWorld;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A committee member sets the community's categories, clocks and sensitive words; residents' 说事 follow them. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class ConsoleSettingsTest {

    @Test
    void theCommitteeSetsCategoriesClocksAndWordsAndNewThreadsFollowThem() {
        ThreadWorld w = ThreadWorld.create();
        ConsoleClient committee = ConsoleClient.login(w.committee.username(), "secret-pass-1");
        String path = "/console/c/" + w.community + "/settings";
        committee.page().get(path).then().statusCode(200).body(containsString("本社区尚未自定义"));

        String shown = committee.page().get(path).then().extract().asString();
        assertTrue(shown.contains("value=\"停车、车位、占道"), "the deployment's keywords are shown: " + shown);
        Response saved = committee.form().formParam("categories", "设施维修\n停车\n垃圾分类\n其他")
                .formParam("urgent", "垃圾分类").formParam("refused", "传销").formParam("review", "拉票")
                .formParam("clock_category", "设施维修").formParam("accept_urgent", "1h")
                .formParam("accept_normal", "4h").formParam("resolve_urgent", "12h")
                .formParam("resolve_normal", "3wd").formParam("resolve_complex", "10d")
                .formParam("keywords", "门禁、电梯，漏水").post(path);
        assertEquals(303, saved.statusCode(), saved.asString());
        String page = committee.page().get(path + "?saved=true").then().statusCode(200).extract().asString();
        assertTrue(page.contains("已保存"), page);
        assertTrue(page.contains("最近由"), page);
        assertTrue(page.contains("value=\"4h\"") && page.contains("value=\"3wd\""), page);
        assertTrue(page.contains(">垃圾分类<input"), "a new category gets a row of clocks: " + page);
        assertTrue(page.contains("value=\"门禁、电梯、漏水\""), page);

        // The new category gets its own keywords, which then suggest it for a 说事 sent without a category.
        Response keywords = committee.form().formParam("categories", "设施维修\n停车\n垃圾分类\n其他")
                .formParam("urgent", "垃圾分类").formParam("refused", "传销").formParam("review", "拉票")
                .formParam("clock_category", "设施维修", "停车", "垃圾分类", "其他")
                .formParam("accept_urgent", "1h", "2h", "2h", "2h").formParam("accept_normal", "4h", "24h", "24h", "24h")
                .formParam("resolve_urgent", "12h", "24h", "24h", "24h")
                .formParam("resolve_normal", "3wd", "7d", "7d", "7d")
                .formParam("resolve_complex", "10d", "15d", "15d", "15d")
                .formParam("keywords", "门禁、电梯，漏水", "车位", "垃圾桶、厨余、分类投放", "").post(path);
        assertEquals(303, keywords.statusCode(), keywords.asString());

        // The resident's 说事 now uses the community's own list, urgency and words.
        ThreadWorld.Resident r = w.resident("1号楼/101");
        Api.as(r.token()).body(Map.of("description", "垃圾桶满了没人清", "category", "垃圾分类", "visibility", "PRIVATE"))
                .post("/api/v1/threads").then().statusCode(201).body("thread.urgency", equalTo("URGENT"));
        Api.as(r.token()).body(Map.of("description", "厨余没有分类投放，垃圾桶边堆着", "visibility", "PRIVATE"))
                .post("/api/v1/threads").then().statusCode(201).body("thread.category", equalTo("垃圾分类"));
        Api.as(r.token()).body(Map.of("description", "东门车位被占", "visibility", "PRIVATE"))
                .post("/api/v1/threads").then().statusCode(201).body("thread.category", equalTo("停车"));
        Api.as(r.token()).body(Map.of("description", "楼上半夜跺脚", "category", "噪音扰民", "visibility", "PRIVATE"))
                .post("/api/v1/threads").then().statusCode(400).body("code", equalTo("THREAD_CATEGORY_UNKNOWN"));
        Api.as(r.token()).body(Map.of("description", "有人在小区搞传销", "visibility", "PRIVATE"))
                .post("/api/v1/threads").then().statusCode(400).body("code", equalTo("THREAD_CONTENT_REFUSED"));
        long repair = ((Number) Api.as(r.token()).body(Map.of("description", "单元门禁坏了", "category", "设施维修",
                        "visibility", "PRIVATE", "urgency", "NORMAL")).post("/api/v1/threads").then().statusCode(201)
                .extract().path("thread.id")).longValue();
        Response detail = Api.as(w.committee.token()).get("/api/v1/communities/" + w.community + "/threads/" + repair);
        OffsetDateTime submitted = OffsetDateTime.parse(detail.path("submittedAt"));
        OffsetDateTime acceptDue = OffsetDateTime.parse(detail.path("acceptDueAt"));
        assertEquals(Duration.ofHours(4), Duration.between(submitted, acceptDue), "设施维修 is accepted within 4h now");

        // A bad clock is refused with its reason, and what was saved stays.
        Response bad = committee.form().formParam("categories", "设施维修\n其他").formParam("urgent", "")
                .formParam("clock_category", "设施维修").formParam("accept_urgent", "3x")
                .formParam("accept_normal", "4h").formParam("resolve_urgent", "12h")
                .formParam("resolve_normal", "3wd").formParam("resolve_complex", "10d").post(path);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.asString().contains("时限“3x”无效"), bad.asString());
        committee.page().get(path).then().body(containsString("垃圾分类"), containsString("value=\"1h\""));
        committee.form().formParam("categories", "其他").formParam("urgent", "停车").post(path).then().statusCode(400)
                .body(containsString("“停车”不在类别列表中"));

        // A grid worker reads the rules but may not change them; another community keeps the defaults.
        ConsoleClient worker = ConsoleClient.login(w.worker1.username(), "secret-pass-1");
        worker.page().get(path).then().statusCode(200).body(containsString("只有社区管理员或居委会成员可以修改"),
                not(containsString(">保存设置<")));
        assertEquals(403, worker.form().formParam("categories", "其他").post(path).statusCode());
        assertEquals(403, holidays(worker, path, "2097-01-01 off\n").statusCode());

        // The holiday calendar serves every community: a platform admin uploads it here, a committee member may not.
        String year = "2097-01-01 off 元旦\n2097-01-05 work 调休\n";
        Response refused = holidays(committee, path, year);
        assertEquals(403, refused.statusCode());
        assertTrue(refused.asString().contains("只有平台管理员可以上传"), refused.asString());
        ConsoleClient admin = ConsoleClient.login("admin", Api.ADMIN_PASSWORD);
        Response badFile = holidays(admin, path, "2097-01-01 off\n2097-02-30 off\n");
        assertEquals(400, badFile.statusCode());
        assertTrue(badFile.asString().contains("第 2 行“2097-02-30 off”"), badFile.asString());
        assertEquals(303, holidays(admin, path, year).statusCode());
        String years = admin.page().get(path).then().statusCode(200).body(containsString("2097.txt")).extract()
                .asString().replaceAll("(?s).*<p id=\"holiday-years\">([^<]*)</p>.*", "$1");
        assertTrue(years.contains("2026") && years.contains("2097"), years);

        ThreadWorld other = ThreadWorld.create();
        Api.as(other.resident("1号楼/101").token()).body(Map.of("description", "楼上半夜跺脚", "category", "噪音扰民",
                "visibility", "PRIVATE")).post("/api/v1/threads").then().statusCode(201);
    }

    private static Response holidays(ConsoleClient client, String path, String text) {
        return client.form().multiPart("file", "2097.txt", text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "text/plain").post(path + "/holidays");
    }
}
