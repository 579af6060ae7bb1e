package org.linli.meeting;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.reminder.ReminderEngine;
import org.linli.support.Api;
import org.linli.support.LinliInfra;
import org.linli.support.MovableClock;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 11: meeting reminders 24 h and 1 h before, to invitees who have not declined or checked in. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class MeetingReminderTest {

    static MovableClock clock() {
        return Arc.container().instance(MovableClock.class).get();
    }

    @BeforeEach
    void daytime() {
        clock().set(ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).plusDays(1).with(LocalTime.of(9, 0)).toInstant());
    }

    @AfterEach
    void reset() {
        clock().reset();
    }

    static void pass() {
        MeetingWorld.await(() -> Panache.withSession(() -> Arc.container().instance(ReminderEngine.class).get().pass()));
    }

    static List<Row> occurrences(long meetingId) {
        return MeetingWorld.rows("select o.id, o.status, o.skip_reason, o.lead_minutes from reminder_occurrence o"
                + " join reminder r on r.id = o.reminder_id where r.kind = 'MEETING' and r.subject_id = $1"
                + " order by o.due_at", Tuple.of(meetingId));
    }

    @Test
    void inviteesWhoHaveNotDeclinedAreRemindedADayAndAnHourBefore() {
        MeetingWorld w = MeetingWorld.create();
        MeetingWorld.Resident a = w.resident("王女士", "1号楼/1单元/101");
        MeetingWorld.Resident b = w.resident("李先生", "1号楼/2单元/201");
        MeetingWorld.Resident d = w.resident("孙先生", "1号楼/1单元/102");
        Instant start = clock().instant().plus(Duration.ofHours(49));
        long id = w.created(MeetingWorld.draft("加装电梯议事会", start.atZone(ZoneId.of("Asia/Shanghai"))
                .toOffsetDateTime().toString(), null, List.of(a.id(), b.id(), d.id())));
        Api.as(b.token()).body(Map.of("answer", "NO")).put("/api/v1/meetings/" + id + "/rsvp").then().statusCode(200);

        clock().set(start.minus(Duration.ofHours(24)).plusSeconds(30));
        pass();
        List<Row> day = occurrences(id);
        assertEquals(1, day.size());
        assertEquals("FIRED", day.get(0).getString("status"));
        assertEquals(List.of(a.id(), d.id()).stream().sorted().toList(),
                w.pushedTo("reminder:" + day.get(0).getLong("id")));

        clock().set(start.minus(Duration.ofHours(1)).plusSeconds(30));
        pass();
        List<Row> both = occurrences(id);
        assertEquals(List.of(1440, 60), both.stream().map(r -> r.getInteger("lead_minutes")).toList());
        assertEquals(List.of(a.id(), d.id()).stream().sorted().toList(),
                w.pushedTo("reminder:" + both.get(1).getLong("id")));
    }

    /*
     * A meeting called with its own reminder times (two days and three hours before) is reminded at those, not at
     * the deployment's 24 h and 1 h; the committee moves the later one to two hours before from the reminders.
     */
    @Test
    void aMeetingsOwnReminderTimesReplaceTheDefaultsAndTheCommitteeMayMoveThem() {
        MeetingWorld w = MeetingWorld.create();
        MeetingWorld.Resident a = w.resident("王女士", "1号楼/1单元/101");
        Instant start = clock().instant().plus(Duration.ofHours(49));
        Map<String, Object> draft = MeetingWorld.draft("楼道改造议事会", start.atZone(ZoneId.of("Asia/Shanghai"))
                .toOffsetDateTime().toString(), null, List.of(a.id()));
        draft.put("reminderLeads", List.of("PT1M"));
        w.create(w.committee, draft).then().statusCode(400).body("code", equalTo("REMINDER_LEADS_INVALID"));
        draft.put("reminderLeads", List.of("PT3H", "P2D"));
        Response created = w.create(w.committee, draft);
        created.then().statusCode(201).body("reminderLeadMinutes", equalTo(List.of(2880, 180)));
        long id = ((Number) created.path("id")).longValue();

        clock().set(start.minus(Duration.ofHours(48)).plusSeconds(30));
        pass();
        assertEquals(List.of(2880), leads(id));
        clock().set(start.minus(Duration.ofHours(24)).plusSeconds(30));
        pass();
        assertEquals(List.of(2880), leads(id), "no reminder at the default 24 h");

        long reminder = MeetingWorld.rows("select id from reminder where kind = 'MEETING' and subject_id = $1",
                Tuple.of(id)).get(0).getLong("id");
        Api.as(w.committee).body(Map.of("leads", List.of("PT2H")))
                .put("/api/v1/communities/" + w.community + "/reminders/" + reminder + "/leads").then().statusCode(200);
        Api.as(w.committee).get(w.path(id)).then().body("reminderLeadMinutes", equalTo(List.of(120)));
        clock().set(start.minus(Duration.ofHours(3)).plusSeconds(30));
        pass();
        assertEquals(List.of(2880), leads(id), "three hours before is no longer wanted");
        clock().set(start.minus(Duration.ofHours(2)).plusSeconds(30));
        pass();
        assertEquals(List.of(2880, 120), leads(id));
        assertEquals(List.of("FIRED", "FIRED"), occurrences(id).stream().map(r -> r.getString("status")).toList());
        assertEquals(List.of(a.id()), w.pushedTo("reminder:" + occurrences(id).get(1).getLong("id")));
    }

    /* A meeting called with no reminder times gets its invitation and nothing before the start. */
    @Test
    void aMeetingCalledWithoutReminderTimesIsNotRemindedAtTheDefaults() {
        MeetingWorld w = MeetingWorld.create();
        MeetingWorld.Resident a = w.resident("李先生", "1号楼/1单元/101");
        Instant start = clock().instant().plus(Duration.ofHours(25));
        Map<String, Object> draft = MeetingWorld.draft("垃圾分类议事会", start.atZone(ZoneId.of("Asia/Shanghai"))
                .toOffsetDateTime().toString(), null, List.of(a.id()));
        draft.put("reminderLeads", List.of());
        Response created = w.create(w.committee, draft);
        created.then().statusCode(201).body("reminderLeadMinutes", equalTo(List.of()));
        long id = ((Number) created.path("id")).longValue();

        clock().set(start.minus(Duration.ofHours(24)).plusSeconds(30));
        pass();
        clock().set(start.minus(Duration.ofHours(1)).plusSeconds(30));
        pass();
        assertEquals(List.of(), leads(id), "no reminder at the default 24 h and 1 h");
    }

    private static List<Integer> leads(long meetingId) {
        return occurrences(meetingId).stream().map(r -> r.getInteger("lead_minutes")).toList();
    }

    @Test
    void aMeetingCalledAtShortNoticeIsNotRemindedOfAndACancelledOneIsSkipped() {
        MeetingWorld w = MeetingWorld.create();
        MeetingWorld.Resident a = w.resident("王女士", "1号楼/1单元/101");
        Instant soon = clock().instant().plus(Duration.ofMinutes(30));
        long urgent = w.created(MeetingWorld.draft("紧急议事会", soon.atZone(ZoneId.of("Asia/Shanghai"))
                .toOffsetDateTime().toString(), null, List.of(a.id())));
        pass();
        assertEquals(List.of(), occurrences(urgent), "the invitation was the only notice needed");

        Instant later = clock().instant().plus(Duration.ofHours(3));
        long cancelled = w.created(MeetingWorld.draft("改期的会", later.atZone(ZoneId.of("Asia/Shanghai"))
                .toOffsetDateTime().toString(), null, List.of(a.id())));
        clock().set(later.minus(Duration.ofHours(1)).minus(Duration.ofMinutes(3)));
        pass();
        assertEquals("DUE", occurrences(cancelled).get(0).getString("status"));
        Api.as(w.committee).post(w.path(cancelled) + "/cancel").then().statusCode(200);
        clock().set(later.minus(Duration.ofHours(1)).plusSeconds(30));
        pass();
        assertEquals("SKIPPED", occurrences(cancelled).get(0).getString("status"));
        assertEquals("会议已取消", occurrences(cancelled).get(0).getString("skip_reason"));
    }
}
