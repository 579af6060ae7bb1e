package org.linli.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.linli.poll.PollWorld;
import org.linli.support.Api;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 议事表决 from the console: create, open, paper ballots with photos, close early, the exact result and 公示. */
@QuarkusTest
class ConsolePollPagesTest {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

    @Test
    void aHouseholdPollIsRunOnPaperAndItsResultPublished() {
        ConsoleWorld w = new ConsoleWorld();
        ConsoleClient committee = w.console(w.committee);
        String polls = "/console/c/" + w.community + "/polls";
        OffsetDateTime now = OffsetDateTime.now(ZoneId.of("Asia/Shanghai"));

        committee.page().get(polls + "/new").then().statusCode(200)
                .body(containsString("双四分之三"), containsString("民法典第二百七十八条"));
        committee.form().formParam("title", "是否增设电动车充电桩").formParam("preset", "PER_HOUSEHOLD")
                .formParam("scope", "COMMUNITY").formParam("text", "").formParam("kind", "APPROVAL")
                .formParam("openAt", LOCAL.format(now)).formParam("closeAt", LOCAL.format(now.plusDays(7)))
                .post(polls).then().statusCode(400).body(containsString("提交的内容有误"));

        Response created = committee.form().formParam("title", "是否增设电动车充电桩").formParam("preset", "PER_HOUSEHOLD")
                .formParam("scope", "COMMUNITY").formParam("text", "同意在 1 号楼北侧增设充电桩", "", "")
                .formParam("kind", "APPROVAL", "APPROVAL", "APPROVAL").formParam("options", "", "", "")
                .formParam("openAt", LOCAL.format(now.minusMinutes(1)))
                .formParam("closeAt", LOCAL.format(now.plusDays(7))).post(polls);
        assertEquals(303, created.statusCode(), created.asString());
        String poll = created.header("Location").replaceAll("^https?://[^/]+", "");
        committee.page().get(polls).then().statusCode(200).body(containsString("是否增设电动车充电桩"),
                containsString("草稿"));

        committee.form().post(poll + "/open").then().statusCode(409).body(containsString("不允许此操作"));
        assertEquals(303, committee.form().post(poll + "/announce").statusCode());
        committee.page().get(poll).then().body(containsString("已公告"), containsString("id=\"open\""));
        assertEquals(303, committee.form().post(poll + "/open").statusCode());
        String open = committee.page().get(poll).then().statusCode(200).body(containsString("投票中"),
                containsString("已投 0 / 3 户"), containsString("id=\"enter-ballot\"")).extract().asString();
        List<String> units = units(open);
        assertEquals(3, units.size(), open);

        committee.form().multiPart("unit", units.get(0)).multiPart("channel", "PAPER").multiPart("q0", "0")
                .multiPart("photo", "form.txt", "not an image".getBytes()).post(poll + "/paper-ballots")
                .then().statusCode(400).body(containsString("JPG 或 PNG"));
        byte[] huge = java.util.Arrays.copyOf(PNG, org.linli.poll.PollDesk.PHOTO_MAX_BYTES + 1);
        committee.form().multiPart("unit", units.get(0)).multiPart("channel", "PAPER").multiPart("q0", "0")
                .multiPart("photo", "big.png", huge, "image/png").post(poll + "/paper-ballots")
                .then().statusCode(400).body(containsString("5 MB"));
        committee.page().get(poll).then().body(containsString("已投 0 / 3 户"));
        committee.form().multiPart("unit", units.get(0)).multiPart("channel", "PROXY").multiPart("q0", "0")
                .multiPart("photo", "form.png", PNG, "image/png").post(poll + "/paper-ballots")
                .then().statusCode(400).body(containsString("受托人"));

        for (int i = 0; i < 2; i++) {
            Response entered = committee.form().multiPart("unit", units.get(i)).multiPart("channel", "PAPER")
                    .multiPart("q0", "0").multiPart("photo", "form.png", PNG, "image/png")
                    .post(poll + "/paper-ballots");
            assertEquals(303, entered.statusCode(), entered.asString());
        }
        committee.page().get(poll + "?entered=1").then().body(containsString("纸质票已录入"),
                containsString("已投 2 / 3 户"));
        String electorate = new String(committee.page().get(poll + "/electorate?format=csv").then().statusCode(200)
                .extract().asByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(4, electorate.lines().count(), electorate);
        assertEquals(2, electorate.lines().filter(l -> l.endsWith(",是,")).count(), electorate);

        committee.form().post(poll + "/close").then().statusCode(400);
        assertEquals(303, committee.form().formParam("reason", "全部入户完成，居委会决定提前结束").post(poll + "/close")
                .statusCode());
        committee.page().get(poll).then().statusCode(200).body(containsString("已结束"),
                containsString("达到法定参与比例"), containsString("2 / 3"), containsString("通过"));
        assertEquals(303, committee.form().formParam("statement", "同意增设，下月施工。").post(poll + "/outcome")
                .statusCode());
        assertEquals(303, committee.form().post(poll + "/publish").statusCode());
        committee.page().get(poll).then().body(containsString("公示中"), containsString("同意增设，下月施工。"));

        String code = Api.as(w.admin).get("/api/v1/communities/" + w.community).path("code");
        given().get("/gongshi/" + code).then().statusCode(200).body(containsString("是否增设电动车充电桩"));

        ConsoleClient worker = w.console(w.staff("GRID_WORKER", w.grids.get("第一网格"), null));
        worker.page().get(poll).then().statusCode(403);
        worker.page().get(polls).then().statusCode(200).body(not(containsString("是否增设电动车充电桩")));
    }

    /*
     * D voted online, then D's paper form signed earlier comes in: under the default rule (先投先计) the paper ballot
     * replaces the online one. E voted online before signing: E's later paper ballot is set aside. Both show as
     * conflicts; a second paper ballot for D is refused with the reason, and what counts stays as it was.
     */
    @Test
    void aPaperBallotForAUnitThatVotedOnlineIsSettledByTheConflictRule() {
        PollWorld w = new PollWorld();
        long id = w.opened(w.draft("OWNERS_ORDINARY", w.building1Scope(),
                List.of(PollWorld.approval("是否续聘物业")), Duration.ZERO,
                Duration.ofDays(3)));
        String signed = LOCAL.format(PollWorld.now().plusMinutes(5));
        PollWorld.clock().advance(Duration.ofMinutes(10));
        try {
            w.vote("D", id, 1).then().statusCode(200);
            w.vote("E", id, 1).then().statusCode(200);
            ConsoleClient committee = ConsoleClient.login(w.committee.login(), "secret-pass-1");
            String poll = "/console/c/" + w.community + "/polls/" + id;
            String page = committee.page().get(poll).then().statusCode(200).extract().asString();
            String d = "o:" + w.person("D").id();
            String e = "o:" + w.person("E").id();
            List<String> voted = votedUnits(page);
            assertTrue(voted.containsAll(List.of(d, e)), "units that voted can still get a paper ballot: " + page);
            assertTrue(page.contains("（线上投票）") && page.contains("先投先计"), page);

            assertEquals(303, paper(committee, poll, d, signed).statusCode());
            assertEquals(303, paper(committee, poll, e, null).statusCode());
            String settled = committee.page().get(poll).then().statusCode(200).extract().asString();
            assertTrue(settled.contains("计入纸质表决票，未计入线上投票"), settled);
            assertTrue(settled.contains("计入线上投票，未计入纸质表决票"), settled);
            assertTrue(settled.contains("规则：先投先计"), settled);

            Response again = paper(committee, poll, d, null);
            assertEquals(409, again.statusCode(), again.asString());
            assertTrue(again.asString().contains("该户已有一张纸质"), again.asString());

            Api.as(w.committee.token()).get(w.polls() + "/" + id + "/conflicts").then().statusCode(200)
                    .body("size()", equalTo(2));
            assertEquals("PAPER|0", ballot(id, d), "D's earlier-signed paper ballot counts");
            assertEquals("ONLINE|1", ballot(id, e), "E's online ballot, cast before signing, counts");
        } finally {
            PollWorld.clock().reset();
        }
    }

    private static Response paper(ConsoleClient committee, String poll, String unit, String signedAt) {
        var form = committee.form().multiPart("unit", unit).multiPart("channel", "PAPER").multiPart("q0", "0")
                .multiPart("photo", "form.png", PNG, "image/png");
        if (signedAt != null) {
            form.multiPart("signedAt", signedAt);
        }
        return form.post(poll + "/paper-ballots");
    }

    private static String ballot(long pollId, String unit) {
        var row = PollWorld.sql("select channel, answers from poll_ballot where poll_id = $1 and unit_key = $2",
                pollId, unit).get(0);
        return row.getString(0) + "|" + row.getString(1);
    }

    /** The unit keys of the paper-ballot form's unit list, all of them. */
    private static List<String> units(String html) {
        return optionValues(html, "(?s)<select id=\"unit\"[^>]*>(.*?)</select>");
    }

    /** The unit keys listed under 已投票. */
    private static List<String> votedUnits(String html) {
        return optionValues(html, "(?s)<optgroup[^>]*id=\"voted-units\"[^>]*>(.*?)</optgroup>");
    }

    private static List<String> optionValues(String html, String around) {
        Matcher group = Pattern.compile(around).matcher(html);
        assertTrue(group.find(), html);
        Matcher m = Pattern.compile("value=\"([^\"]+)\"").matcher(group.group(1));
        List<String> values = new ArrayList<>();
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}
