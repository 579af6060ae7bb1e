package org.linli.thread;

import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.poll.PollWorld;
import org.linli.reminder.ReminderEngine;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11: thread clocks alert the assignee, then the committee; an unrated resolution gets one 请评价. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class ThreadReminderTest {

    @BeforeEach
    void daytime() {
        PollWorld.clock().set(ZonedDateTime.now(PollWorld.SHANGHAI).plusDays(1).with(LocalTime.of(9, 0)).toInstant());
    }

    @AfterEach
    void resetClock() {
        PollWorld.clock().reset();
    }

    static void pass() {
        ThreadWorld.db(() -> Arc.container().instance(ReminderEngine.class).get().pass());
    }

    static List<String> alerts(long staffId, long threadId) {
        return PollWorld.sql("select kind from thread_staff_alert where staff_id = $1 and thread_id = $2"
                + " and kind in ('CLOCK_NEAR', 'OVERDUE', 'ESCALATED') order by id", staffId, threadId)
                .stream().map(r -> r.getString(0)).toList();
    }

    static Instant acceptDue(long threadId) {
        return PollWorld.sql("select accept_due_at from consultation_thread where id = $1", threadId).get(0)
                .getOffsetDateTime(0).toInstant();
    }

    static void advanceTo(Instant at) {
        PollWorld.clock().set(at);
    }

    @Test
    void anUnacceptedThreadAlertsItsGridWorkerBeforeAndAfterItsClockThenTheCommittee() {
        ThreadWorld w = ThreadWorld.create();
        ThreadWorld.Resident raiser = w.resident("1号楼/101");
        long id = w.raised(raiser, "1号楼楼道的灯坏了好几天，晚上看不清楼梯", "PUBLIC");
        Instant due = acceptDue(id);
        pass();
        assertEquals(List.of(), alerts(w.worker1.id(), id), "nothing yet: the clock has 24 hours");

        advanceTo(due.minus(Duration.ofHours(2)).plusSeconds(30));
        pass();
        pass();
        assertEquals(List.of("CLOCK_NEAR"), alerts(w.worker1.id(), id), "once, however many passes");
        advanceTo(due.plusSeconds(30));
        pass();
        assertEquals(List.of("CLOCK_NEAR", "OVERDUE"), alerts(w.worker1.id(), id));
        advanceTo(due.plus(Duration.ofDays(1)).plusSeconds(30));
        pass();
        assertEquals(List.of("CLOCK_NEAR", "OVERDUE", "OVERDUE"), alerts(w.worker1.id(), id));
        assertEquals(List.of(), alerts(w.committee.id(), id));
        advanceTo(due.plus(Duration.ofDays(2)).plusSeconds(30));
        pass();
        assertEquals(List.of("ESCALATED"), alerts(w.committee.id(), id), "two days late: the committee hears of it");
        assertEquals("ESCALATED", alerts(w.worker1.id(), id).get(3));
    }

    @Test
    void anAcceptedThreadStopsTheAcceptClockAndItsResolveClockTakesOver() {
        ThreadWorld w = ThreadWorld.create();
        ThreadWorld.Resident raiser = w.resident("1号楼/102");
        long id = w.raised(raiser, "1号楼门口的垃圾桶满了没人清理", "PUBLIC");
        Instant due = acceptDue(id);
        advanceTo(due.minus(Duration.ofHours(2)).plusSeconds(30));
        pass();
        ThreadWorld.Staff worker = new ThreadWorld.Staff(Api.staffToken(
                PollWorld.sql("select username from staff_account where id = $1", w.worker1.id()).get(0).getString(0),
                "secret-pass-1"), w.worker1.id());
        // Three minutes before the clock ends its alert is planned; the thread is accepted just in time.
        advanceTo(due.minus(Duration.ofMinutes(3)));
        pass();
        w.act(worker, id, "accept", Map.of()).then().statusCode(200);
        advanceTo(due.plusSeconds(30));
        pass();
        assertEquals(List.of("CLOCK_NEAR"), alerts(w.worker1.id(), id), "accepted in time: no overdue alert");
        List<Row> skipped = PollWorld.sql("select o.status, o.skip_reason from reminder_occurrence o join reminder r"
                + " on r.id = o.reminder_id where r.kind = 'THREAD_CLOCK' and r.subject_id = $1 and o.stage = 'ACCEPT'"
                + " and o.lead_minutes = 0", id);
        assertEquals("SKIPPED", skipped.get(0).getString(0));
        assertEquals("已处理或时限已变更", skipped.get(0).getString(1));

        Instant resolveDue = PollWorld.sql("select resolve_due_at from consultation_thread where id = $1", id).get(0)
                .getOffsetDateTime(0).toInstant();
        advanceTo(resolveDue.plusSeconds(30));
        pass();
        assertTrue(alerts(w.worker1.id(), id).contains("OVERDUE"), alerts(w.worker1.id(), id).toString());
    }

    @Test
    void aResolvedThreadNotRatedAfterThreeDaysRemindsTheRaiserOnce() {
        ThreadWorld w = ThreadWorld.create();
        ThreadWorld.Resident raiser = w.resident("1号楼/101");
        ThreadWorld.Resident other = w.resident("1号楼/102");
        long unrated = w.raised(raiser, "1号楼东侧路灯不亮，晚上很黑", "PUBLIC");
        long rated = w.raised(other, "1号楼单元门的门禁坏了，关不上", "PUBLIC");
        w.resolved(unrated, w.worker1);
        w.resolved(rated, w.worker1);
        Api.as(other.token()).body(Map.of("score", 5)).post("/api/v1/threads/" + rated + "/rating")
                .then().statusCode(204);
        Instant resolvedAt = PollWorld.sql("select resolved_at from consultation_thread where id = $1", unrated).get(0)
                .getOffsetDateTime(0).toInstant();
        advanceTo(resolvedAt.plus(Duration.ofDays(3)).plusSeconds(60));
        pass();
        pass();
        List<Row> pushed = PollWorld.sql("select d.resident_id, m.title from push_delivery d join push_message m"
                + " on m.id = d.message_id join reminder_occurrence o on m.source_ref = 'reminder:' || o.id"
                + " join reminder r on r.id = o.reminder_id where r.kind = 'THREAD_RATING' and r.subject_id = $1", unrated);
        assertEquals(1, pushed.size());
        assertEquals(raiser.id(), pushed.get(0).getLong(0));
        assertTrue(pushed.get(0).getString(1).startsWith("请评价："));
        List<Row> none = PollWorld.sql("select o.status, o.skip_reason from reminder_occurrence o join reminder r"
                + " on r.id = o.reminder_id where r.kind = 'THREAD_RATING' and r.subject_id = $1", rated);
        assertEquals("SKIPPED", none.get(0).getString(0));
        assertEquals("已评价或已关闭", none.get(0).getString(1));
    }
}
