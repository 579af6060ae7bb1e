package org.linli.poll;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.linli.community.Household;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A poll's whole life through the REST API, on 1号楼 of {@link PollWorld}, with the clock moved, never slept. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class PollFlowTest {

    @AfterEach
    void resetClock() {
        PollWorld.clock().reset();
    }

    /*
     * 居民会议 of 1号楼's 7 verified residents (A…F and the tenant T), linked to a meeting. A, B, C and D check in;
     * A and B vote yes, C no, D nothing; E votes yes from home without checking in. Present: the 4 checked in and E,
     * whose ballot shows taking part: 5 of 7. Yes 3 of the 5 present: PASSED. Counted by ballots alone it would read
     * 4 taking part and 3 of 4 agreeing; the result says which it used and why.
     */
    @Test
    void aResidentsMeetingPollCountsThoseCheckedInAsPresent() {
        PollWorld w = new PollWorld();
        String staff = w.committee.token();
        long id = w.opened(w.draft("PER_RESIDENT", w.building1Scope(), List.of(PollWorld.approval("是否同意加装电梯")),
                Duration.ZERO, Duration.ofDays(3)));
        String meetings = "/api/v1/communities/" + w.community + "/meetings";
        long meeting = ((Number) Api.as(staff).body(Map.of("title", "1号楼居民会议", "place", "社区活动室",
                        "startsAt", PollWorld.now().plusHours(1).toString(), "scope", w.building1Scope(), "pollId", id))
                .post(meetings).then().statusCode(201).extract().path("id")).longValue();
        PollWorld.clock().advance(Duration.ofHours(1));
        for (String who : List.of("A", "B", "C", "D")) {
            Api.as(staff).body(Map.of("residentId", w.person(who).id())).post(meetings + "/" + meeting + "/attendance")
                    .then().statusCode(200);
        }
        for (String[] ballot : new String[][]{{"A", "0"}, {"B", "0"}, {"C", "1"}, {"E", "0"}}) {
            w.vote(ballot[0], id, Integer.parseInt(ballot[1])).then().statusCode(200);
        }
        Api.as(staff).body(Map.of("reason", "会议表决结束")).post(w.polls() + "/" + id + "/close").then().statusCode(200);

        Api.as(staff).get(w.polls() + "/" + id + "/result").then().statusCode(200)
                .body("eligible.heads", equalTo(7)).body("participating.heads", equalTo(4))
                .body("present.amount.heads", equalTo(5)).body("present.meetings", equalTo(List.of("1号楼居民会议")))
                .body("quorum[0].name", equalTo("presence.heads")).body("quorum[0].fraction", equalTo("5 / 7"))
                .body("quorumMet", equalTo(true)).body("questions[0].outcome", equalTo("PASSED"))
                .body("questions[0].checks[0].label", equalTo("同意人数 / 出席人数"))
                .body("questions[0].checks[0].fraction", equalTo("3 / 5"));
    }

    /*
     * 双过半 on 1号楼 (6 heads, 600.00 m², see CountingRulesTest): A and B agree (B's co-owner C is refused: the
     * unit has voted), D disagrees, the developer's paper ballot abstains. Participation 4/6 and 400.00/600.00 is
     * exactly 2/3: met. Agreement 2/4 and 200.00/400.00 is exactly 1/2: not more than half: FAILED.
     */
    @Test
    void ownersOrdinaryFromAnnouncementToPublication() {
        PollWorld w = new PollWorld();
        String staff = w.committee.token();
        long id = w.create(staff, w.draft("OWNERS_ORDINARY", w.building1Scope(),
                List.of(PollWorld.approval("是否同意更换物业公司")), Duration.ofDays(16), Duration.ofDays(7)));
        String poll = w.polls() + "/" + id;
        Api.as(staff).post(poll + "/announce").then().statusCode(200).body("status", equalTo("ANNOUNCED"));
        // The 公告期: 15 days after announcement, and no reason recorded.
        Api.as(staff).post(poll + "/open").then().statusCode(409).body("code", equalTo("POLL_NOTICE_PERIOD"));
        assertEquals(1, PollWorld.sql("select count(*) from push_message where source_ref = $1",
                "poll:" + id + ":announced").get(0).getLong(0));

        PollWorld.clock().advance(Duration.ofDays(16).plusMinutes(1));
        w.relogin();
        staff = w.committee.token();
        assertTrue(PollWorld.pass() >= 1);
        assertEquals(0, PollWorld.pass(), "a second pass finds nothing to do");
        Api.as(staff).get(poll).then().statusCode(200).body("status", equalTo("OPEN"));
        Api.as(staff).get(poll + "/electorate").then().statusCode(200).body("", hasSize(6));
        // Residents of the developer's flats or tenants cannot vote online; the pushes reached A…F only.
        assertEquals(6, PollWorld.sql("select count(*) from push_delivery d join push_message m on m.id = d.message_id"
                + " where m.source_ref = $1", "poll:" + id + ":opened").get(0).getLong(0));

        // A roster change after opening: a new flat in 1号楼 and a new owner. The denominators do not move.
        long newFlat = w.household(w.unit1, "501", "300.00");
        w.owner("N", org.linli.community.MembershipRole.OWNER, "1-201");

        w.vote("A", id, 0).then().statusCode(200).body("status", equalTo("COUNTED"));
        w.vote("B", id, 0).then().statusCode(200);
        w.vote("C", id, 1).then().statusCode(409).body("code", equalTo("POLL_UNIT_ALREADY_VOTED"));
        w.vote("D", id, 1).then().statusCode(200);
        w.vote("T", id, 0).then().statusCode(404);
        w.vote("N", id, 0).then().statusCode(404);
        w.vote("G", id, 0).then().statusCode(404);
        Api.as(staff).body(Map.of("householdId", w.households.get("1-401"), "channel", "PAPER",
                        "answers", List.of(List.of(2)), "photoMediaId", "media-signed-401"))
                .post(poll + "/paper-ballots").then().statusCode(201).body("status", equalTo("COUNTED"));

        // Turnout by building, and who the 楼栋长 should visit: E and F.
        Api.as(staff).get(poll + "/turnout").then().statusCode(200)
                .body("[0].households", equalTo(8)).body("[0].voted", equalTo(6));
        Response notVoted = Api.as(staff).queryParam("format", "csv").get(poll + "/turnout/not-voted");
        notVoted.then().statusCode(200);
        assertTrue(notVoted.asString().contains("1号楼/1单元/301") && notVoted.asString().contains("1号楼/1单元/302"));

        Api.as(staff).put(poll + "/outcome").then().statusCode(400);
        PollWorld.clock().advance(Duration.ofDays(7));
        PollWorld.pass();
        w.relogin();
        staff = w.committee.token();
        Api.as(staff).body(Map.of("statement", "未获通过，继续由原物业公司服务，业委会将另行征求意见。"))
                .put(poll + "/outcome").then().statusCode(200);
        Api.as(staff).post(poll + "/publish").then().statusCode(200).body("status", equalTo("PUBLISHED"));

        Response pub = given().get("/api/v1/public/communities/" + w.code + "/polls/" + id);
        pub.then().statusCode(200)
                .body("result.eligible.heads", equalTo(6))
                .body("result.eligible.area", equalTo(600.00f))
                .body("result.quorumMet", equalTo(true))
                .body("result.quorum[0].fraction", equalTo("4 / 6"))
                .body("result.quorum[1].fraction", equalTo("400.00 / 600.00"))
                .body("result.questions[0].outcome", equalTo("FAILED"))
                .body("result.questions[0].checks[0].fraction", equalTo("2 / 4"))
                .body("result.questions[0].checks[1].fraction", equalTo("200.00 / 400.00"))
                .body("poll.outcomeStatement", equalTo("未获通过，继续由原物业公司服务，业委会将另行征求意见。"))
                .body("poll.chainCount", equalTo(4));
        String head = pub.path("poll.chainHead");
        assertEquals(head, recomputeHead(given().get("/api/v1/public/communities/" + w.code + "/polls/" + id
                + "/events.csv").asString()));
        assertTrue(PollWorld.sql("select count(*) from push_delivery d join push_message m on m.id = d.message_id"
                + " where m.source_ref = $1", "poll:" + id + ":result").get(0).getLong(0) >= 6);
        assertEquals(newFlat, newFlat); // the new flat exists but is in no electorate row:
        assertEquals(0, PollWorld.sql("select count(*) from poll_elector_household where household_id = $1", newFlat)
                .get(0).getLong(0));
    }

    /** The documented procedure: hash_n = sha256(hash_{n-1} + "\n" + content_n), hash_0 = 64 zeros. */
    static String recomputeHead(String csv) {
        String head = "0".repeat(64);
        List<String> lines = csvLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = fields(line);
            assertEquals(head, f.get(3), "prev_hash links to the previous event");
            head = sha256(head + "\n" + f.get(2));
            assertEquals(head, f.get(4));
        }
        return head;
    }

    static List<String> csvLines(String csv) {
        return List.of(csv.replace("\uFEFF", "").split("\r\n"));
    }

    static List<String> fields(String line) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
