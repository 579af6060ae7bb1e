package org.linli.reminder;

import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.poll.PollWorld;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11: reminders fire once, cluster-wide, to whoever still needs them when they fire. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class ReminderTest {

    PollWorld w;

    @BeforeEach
    void daytime() {
        // Residents' default quiet hours are 22:00-07:00: start at 10:00 tomorrow, Asia/Shanghai.
        ZonedDateTime tomorrow = ZonedDateTime.now(PollWorld.SHANGHAI).plusDays(1).with(LocalTime.of(10, 0));
        PollWorld.clock().set(tomorrow.toInstant());
        w = new PollWorld();
    }

    @AfterEach
    void resetClock() {
        PollWorld.clock().reset();
    }

    static ReminderEngine.Pass pass() {
        return PollWorld.db(() -> Arc.container().instance(ReminderEngine.class).get().pass());
    }

    static Set<Long> reached(String sourceRef) {
        return PollWorld.sql("select d.resident_id from push_delivery d join push_message m on m.id = d.message_id"
                + " where m.source_ref = $1", sourceRef).stream().map(r -> r.getLong(0)).collect(Collectors.toSet());
    }

    Set<Long> ids(String... people) {
        Set<Long> ids = new HashSet<>();
        for (String p : people) {
            ids.add(w.person(p).id());
        }
        return ids;
    }

    static List<Row> occurrences(long reminderId) {
        return PollWorld.sql("select id, status, skip_reason, lead_minutes, audience from reminder_occurrence"
                + " where reminder_id = $1 order by due_at", reminderId);
    }

    long closingReminder(long pollId) {
        return PollWorld.sql("select id from reminder where kind = 'POLL_CLOSING' and subject_id = $1", pollId)
                .get(0).getLong(0);
    }

    String reminders() {
        return "/api/v1/communities/" + w.community + "/reminders";
    }

    @Test
    void aClosingReminderReachesOnlyUnitsThatHaveNotVotedWhenItFires() {
        long poll = w.opened(w.draft("OWNERS_ORDINARY", w.building1Scope(),
                List.of(PollWorld.approval("是否同意更换物业公司")), Duration.ZERO, Duration.ofHours(48)));
        pass();
        long reminder = closingReminder(poll);
        List<Row> planned = occurrences(reminder);
        assertEquals(List.of(1440, 120), planned.stream().map(r -> r.getInteger(3)).toList());
        assertEquals(0, pass().planned(), "planning twice adds nothing");

        // B votes for 1-201: B's co-owner C is not reminded either. D votes after the reminder was planned.
        w.vote("B", poll, 0).then().statusCode(200);
        w.vote("D", poll, 1).then().statusCode(200);
        PollWorld.clock().advance(Duration.ofHours(24).plusMinutes(1));
        w.relogin();
        ReminderEngine.Pass fired = pass();
        assertTrue(fired.fired() >= 1, fired.toString());
        long first = planned.get(0).getLong(0);
        assertEquals(ids("A", "E", "F"), reached("reminder:" + first));
        assertEquals("FIRED", occurrences(reminder).get(0).getString(1));
        assertEquals(3, occurrences(reminder).get(0).getInteger(4));

        // E votes; at 2 h before the close only A and F are left.
        w.vote("E", poll, 0).then().statusCode(200);
        PollWorld.clock().advance(Duration.ofHours(22));
        pass();
        assertEquals(ids("A", "F"), reached("reminder:" + planned.get(1).getLong(0)));
        assertEquals(0, pass().fired(), "each occurrence fires once");
        Api.as(w.committee.token()).get(reminders() + "/" + reminder).then().statusCode(200)
                .body("kind", equalTo("POLL_CLOSING")).body("occurrences", hasSize(2))
                .body("occurrences[0].delivery.total", equalTo(2)).body("occurrences[1].audience", equalTo(3));
    }

    @Test
    void afterDowntimeOnlyTheNearestClosingReminderIsSentAndAMovedCloseSkipsTheOldOnes() {
        long poll = w.opened(w.draft("OWNERS_ORDINARY", w.building1Scope(),
                List.of(PollWorld.approval("是否同意安装充电桩")), Duration.ZERO, Duration.ofHours(48)));
        pass();
        long reminder = closingReminder(poll);
        // All replicas down for 47 hours: the 24 h reminder is overtaken by the 2 h one.
        PollWorld.clock().advance(Duration.ofHours(47));
        w.relogin();
        pass();
        List<Row> done = occurrences(reminder);
        assertEquals("SKIPPED", done.get(0).getString(1));
        assertEquals("已有更近截止时间的提醒", done.get(0).getString(2));
        assertEquals("FIRED", done.get(1).getString(1));

        // Extended by two days: reminders for the new close are planned, nothing is sent for the old times.
        Api.as(w.committee.token()).body(Map.of("closeAt", PollWorld.now().plusHours(49).toString(), "reason", "延长"))
                .post(w.polls() + "/" + poll + "/extend").then().statusCode(200);
        pass();
        assertEquals(4, occurrences(reminder).size());
        PollWorld.clock().advance(Duration.ofHours(48));
        w.relogin();
        pass();
        List<Row> later = occurrences(reminder);
        assertEquals("SKIPPED", later.get(2).getString(1));
        assertEquals("FIRED", later.get(3).getString(1));
    }

    @Test
    void aPollsLeadsAreChangedWithinBoundsAndItsWaitingOccurrencesFollow() {
        long poll = w.opened(w.draft("OWNERS_ORDINARY", w.building1Scope(),
                List.of(PollWorld.approval("是否同意增设车位")), Duration.ZERO, Duration.ofHours(48)));
        pass();
        long reminder = closingReminder(poll);
        String leads = reminders() + "/" + reminder + "/leads";
        Api.as(w.committee.token()).body(Map.of("leads", List.of("PT1M"))).put(leads).then().statusCode(400)
                .body("code", equalTo("REMINDER_LEADS_INVALID"));
        Api.as(w.committee.token()).body(Map.of("leads", List.of("P30D"))).put(leads).then().statusCode(400)
                .body("code", equalTo("REMINDER_LEADS_INVALID"));
        Api.as(w.staff("BUILDING_LEADER", w.building1).token()).body(Map.of("leads", List.of("PT6H"))).put(leads)
                .then().statusCode(403);
        Api.as(w.committee.token()).body(Map.of("leads", List.of("PT6H"))).put(leads).then().statusCode(200)
                .body("leadMinutes", equalTo(List.of(360)));
        assertEquals(List.of("CANCELLED", "CANCELLED"), occurrences(reminder).stream().map(r -> r.getString(1)).toList());
        pass();
        List<Row> now = occurrences(reminder);
        assertEquals(List.of("1440 CANCELLED", "360 DUE", "120 CANCELLED"),
                now.stream().map(r -> r.getInteger(3) + " " + r.getString(1)).toList(), "in order of time");
    }

    @Test
    void aPollClosedBeforeItsReminderFiresIsSkippedWithTheReasonRecorded() {
        long poll = w.opened(w.draft("OWNERS_ORDINARY", w.building1Scope(),
                List.of(PollWorld.approval("是否同意维修电梯")), Duration.ZERO, Duration.ofHours(30)));
        pass();
        long reminder = closingReminder(poll);
        Api.as(w.committee.token()).body(Map.of("reason", "提前结束")).post(w.polls() + "/" + poll + "/close")
                .then().statusCode(200);
        PollWorld.clock().advance(Duration.ofHours(7));
        w.relogin();
        pass();
        Row row = occurrences(reminder).get(0);
        assertEquals("SKIPPED", row.getString(1));
        assertEquals("投票已结束", row.getString(2));
    }

    @Test
    void aCustomReminderReachesItsScopeByEachResidentsRules() {
        String committee = w.committee.token();
        Instant at = PollWorld.clock().instant().plus(Duration.ofHours(2));
        long id = ((Number) Api.as(committee).body(Map.of("title", "垃圾分类提醒", "body", "今晚 8 点前请分类投放",
                        "scope", Map.of("kind", "BUILDINGS", "ids", List.of(w.building1)),
                        "fireAt", at.atZone(PollWorld.SHANGHAI).toOffsetDateTime().toString()))
                .post(reminders()).then().statusCode(201).body("nextDueAt", containsString("T12:00"))
                .extract().path("id")).longValue();
        // E mutes custom reminders; F is in quiet hours from 11:00 to 13:00; A reads a digest at 20:00.
        Api.as(w.person("E").token()).body(Map.of("muted", List.of("CUSTOM")))
                .put("/api/v1/me/reminder-settings").then().statusCode(200).body("muted", equalTo(List.of("CUSTOM")));
        Api.as(w.person("F").token()).body(Map.of("muted", List.of(), "quietStart", "11:00", "quietEnd", "13:00"))
                .put("/api/v1/me/reminder-settings").then().statusCode(200).body("quietStart", equalTo("11:00"));
        Api.as(w.person("A").token()).body(Map.of("muted", List.of(), "digestAt", "20:00"))
                .put("/api/v1/me/reminder-settings").then().statusCode(200).body("digestAt", equalTo("20:00"));

        PollWorld.clock().advance(Duration.ofHours(2).plusMinutes(1));
        pass();
        Row occurrence = occurrences(id).get(0);
        long occ = occurrence.getLong(0);
        assertEquals("FIRED", occurrence.getString(1));
        // 1号楼's verified residents: A, B, C, D, E, F and the tenant T.
        assertEquals(7, occurrence.getInteger(4));
        assertEquals(ids("B", "C", "D", "T"), reached("reminder:" + occ));
        String deferred = PollWorld.sql("select source_ref from push_message where source_ref like $1",
                "reminder:" + occ + ":%").get(0).getString(0);
        assertEquals(ids("F"), reached(deferred));
        assertEquals(Set.of(), reached("digest:" + w.person("A").id() + ":" + occ));

        // The digest goes at 20:00, once.
        PollWorld.clock().advance(Duration.ofHours(8));
        assertEquals(1, pass().digests());
        assertEquals(ids("A"), reached("digest:" + w.person("A").id() + ":" + occ));
        assertEquals(0, pass().digests());
        Api.as(committee).get(reminders() + "/" + id).then().statusCode(200).body("status", equalTo("DONE"))
                .body("occurrences[0].queued", equalTo(5)).body("occurrences[0].digested", equalTo(1));
    }

    @Test
    void aRecurringReminderKeepsItsCronInCommunityTimeAndCanBeCancelled() {
        String committee = w.committee.token();
        Map<String, Object> draft = new java.util.HashMap<>(Map.of("title", "每周一垃圾分类", "scope",
                Map.of("kind", "COMMUNITY"), "cron", "0 8 * * 1"));
        long id = ((Number) Api.as(committee).body(draft).post(reminders()).then().statusCode(201)
                .extract().path("id")).longValue();
        Instant due = PollWorld.sql("select due_at from reminder_occurrence where reminder_id = $1", id).get(0)
                .getOffsetDateTime(0).toInstant();
        ZonedDateTime local = due.atZone(PollWorld.SHANGHAI);
        assertEquals(java.time.DayOfWeek.MONDAY, local.getDayOfWeek());
        assertEquals(LocalTime.of(8, 0), local.toLocalTime());

        PollWorld.clock().set(due.plusSeconds(30));
        w.relogin();
        pass();
        List<Row> rows = occurrences(id);
        assertEquals("FIRED", rows.get(0).getString(1));
        assertEquals(due.plus(Duration.ofDays(7)), PollWorld.sql("select due_at from reminder_occurrence"
                + " where reminder_id = $1 and status = 'DUE'", id).get(0).getOffsetDateTime(0).toInstant());

        Api.as(w.committee.token()).post(reminders() + "/" + id + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("nextDueAt", equalTo(null));
        Api.as(w.committee.token()).post(reminders() + "/" + id + "/cancel").then().statusCode(409)
                .body("code", equalTo("REMINDER_NOT_CANCELLABLE"));
    }

    @Test
    void badSchedulesAndScopesAreRefusedWithAClearMessage() {
        String committee = w.committee.token();
        Map<String, Object> community = Map.of("kind", "COMMUNITY");
        Api.as(committee).body(Map.of("title", "x", "scope", community, "cron", "0 8 * *"))
                .post(reminders()).then().statusCode(400).body("code", equalTo("REMINDER_CRON_INVALID"))
                .body("detail", containsString("分 时 日 月 周"));
        Api.as(committee).body(Map.of("title", "x", "scope", community, "cron", "61 8 * * 1"))
                .post(reminders()).then().statusCode(400).body("code", equalTo("REMINDER_CRON_INVALID"));
        Api.as(committee).body(Map.of("title", "x", "scope", community, "cron", "0 8 30 2 *"))
                .post(reminders()).then().statusCode(400).body("code", equalTo("REMINDER_CRON_NEVER"));
        Api.as(committee).body(Map.of("title", "x", "scope", community))
                .post(reminders()).then().statusCode(400).body("code", equalTo("REMINDER_SCHEDULE_REQUIRED"));
        Api.as(committee).body(Map.of("title", "x", "scope", community,
                        "fireAt", PollWorld.now().minusMinutes(1).toString()))
                .post(reminders()).then().statusCode(400).body("code", equalTo("REMINDER_TIME_PAST"));
        // A building leader of 2号楼 may remind 2号楼, not 1号楼 and not the whole community.
        String leader = w.staff("BUILDING_LEADER", w.building2).token();
        String fireAt = PollWorld.now().plusHours(1).toString();
        Api.as(leader).body(Map.of("title", "x", "scope", Map.of("kind", "BUILDINGS", "ids", List.of(w.building1)),
                "fireAt", fireAt)).post(reminders()).then().statusCode(403).body("code", equalTo("REMINDER_SCOPE_FORBIDDEN"));
        Api.as(leader).body(Map.of("title", "x", "scope", community, "fireAt", fireAt))
                .post(reminders()).then().statusCode(403).body("code", equalTo("REMINDER_SCOPE_FORBIDDEN"));
        Api.as(leader).body(Map.of("title", "x", "scope", Map.of("kind", "BUILDINGS", "ids", List.of(w.building2)),
                "fireAt", fireAt)).post(reminders()).then().statusCode(201);
        Api.as(leader).body(Map.of("title", "x", "scope", Map.of("kind", "BUILDINGS", "ids", List.of(999_999_999L)),
                "fireAt", fireAt)).post(reminders()).then().statusCode(400).body("code", equalTo("REMINDER_TARGET_NOT_FOUND"));
        assertEquals(1L, PollWorld.sql("select count(*) from reminder where community_id = $1", w.community)
                .get(0).getLong(0));
        // The committee sees every reminder; the leader only their own.
        long committees = ((Number) Api.as(committee).body(Map.of("title", "全体提醒", "scope", community,
                "fireAt", fireAt)).post(reminders()).then().statusCode(201).extract().path("id")).longValue();
        Api.as(committee).get(reminders()).then().statusCode(200).body("", hasSize(2));
        Api.as(leader).get(reminders()).then().statusCode(200).body("", hasSize(1));
        Api.as(leader).get(reminders() + "/" + committees).then().statusCode(404)
                .body("code", equalTo("REMINDER_NOT_FOUND"));
        Api.as(leader).post(reminders() + "/" + committees + "/cancel").then().statusCode(403);
    }

    @Test
    void residentsCannotMuteTheClosingReminderOfAVote() {
        String e = w.person("E").token();
        Api.as(e).get("/api/v1/me/reminder-settings").then().statusCode(200).body("quietStart", equalTo("22:00"))
                .body("quietEnd", equalTo("07:00")).body("digestAt", equalTo(null)).body("muted", hasSize(0));
        Api.as(e).body(Map.of("muted", List.of("POLL_CLOSING"))).put("/api/v1/me/reminder-settings").then()
                .statusCode(400).body("code", equalTo("REMINDER_MUTE_NOT_ALLOWED"));
        Api.as(e).body(Map.of("muted", List.of(), "quietStart", "25:00")).put("/api/v1/me/reminder-settings").then()
                .statusCode(400).body("code", equalTo("REMINDER_SETTING_INVALID"));
        Api.as(e).body(Map.of("muted", List.of("SOMETHING"))).put("/api/v1/me/reminder-settings").then()
                .statusCode(400);
        Api.as(e).get("/api/v1/me/reminder-settings").then().statusCode(200).body("muted", hasSize(0));
    }

    @Test
    void aReplicaThatDiesAfterClaimingLosesItsClaimAndAnotherFiresOnce() {
        String committee = w.committee.token();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(((Number) Api.as(committee).body(Map.of("title", "停水通知 " + i, "scope",
                            Map.of("kind", "BUILDINGS", "ids", List.of(w.building2)),
                            "fireAt", PollWorld.now().plusMinutes(10).toString()))
                    .post(reminders()).then().statusCode(201).extract().path("id")).longValue());
        }
        PollWorld.clock().advance(Duration.ofMinutes(11));
        ReminderEngine engine = Arc.container().instance(ReminderEngine.class).get();
        // Replica 1 claims everything due, then dies before firing.
        List<long[]> claims = PollWorld.db(engine::claim);
        assertTrue(claims.size() >= 5);
        assertEquals(0, PollWorld.db(engine::claim).size(), "claimed occurrences are not handed out twice");
        assertEquals(0, pass().fired());
        // Its lease ends; replica 2 fires them; replica 1 wakes up and finds its claims are no longer its own.
        PollWorld.clock().advance(Duration.ofMinutes(3));
        assertTrue(pass().fired() >= 5);
        for (long[] stale : claims) {
            assertEquals("LOST", PollWorld.db(() -> engine.fire(stale)));
        }
        for (long id : ids) {
            long occ = occurrences(id).get(0).getLong(0);
            assertEquals("FIRED", occurrences(id).get(0).getString(1));
            assertEquals(ids("G", "H"), reached("reminder:" + occ));
            assertEquals(2L, PollWorld.sql("select count(*) from push_delivery d join push_message m"
                    + " on m.id = d.message_id where m.source_ref = $1", "reminder:" + occ).get(0).getLong(0));
        }
    }

    @Test
    void twoReplicasPassingAtOnceFireEachOccurrenceOnce() throws Exception {
        String committee = w.committee.token();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(((Number) Api.as(committee).body(Map.of("title", "议事会 " + i, "scope",
                            Map.of("kind", "BUILDINGS", "ids", List.of(w.building2)),
                            "fireAt", PollWorld.now().plusMinutes(5).toString()))
                    .post(reminders()).then().statusCode(201).extract().path("id")).longValue());
        }
        PollWorld.clock().advance(Duration.ofMinutes(6));
        ReminderEngine engine = Arc.container().instance(ReminderEngine.class).get();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> PollWorld.db(engine::pass));
            var b = pool.submit(() -> PollWorld.db(engine::pass));
            int fired = a.get().fired() + b.get().fired();
            assertTrue(fired >= 20, "fired " + fired);
        } finally {
            pool.shutdown();
        }
        for (long id : ids) {
            List<Row> rows = occurrences(id);
            assertEquals(1, rows.size());
            assertEquals("FIRED", rows.get(0).getString(1));
            assertEquals(2L, PollWorld.sql("select count(*) from push_delivery d join push_message m"
                    + " on m.id = d.message_id where m.source_ref = $1", "reminder:" + rows.get(0).getLong(0))
                    .get(0).getLong(0));
        }
    }
}
