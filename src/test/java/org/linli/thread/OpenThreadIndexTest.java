package org.linli.thread;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.linli.common.NativeSql;
import org.linli.support.Api;
import org.linli.support.LinliInfra;
import org.linli.support.MovableClock;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The open threads a submit is compared with come from a per-replica index: a thread raised on this replica is
 * offered at once, one written by another replica after the refresh bound, and a thread closed or hidden since the
 * index was read is never offered.
 */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class OpenThreadIndexTest {

    @Inject
    MovableClock clock;

    @Inject
    Similarity similarity;

    @Inject
    ThreadConfig config;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void threadsFromOtherReplicasJoinAfterTheRefreshAndClosedOnesAreNeverOffered() {
        ThreadWorld w = ThreadWorld.create();
        ThreadWorld.Resident first = w.resident("1号楼/101");
        ThreadWorld.Resident second = w.resident("1号楼/102");
        long lamp = w.raised(first, "1号楼东侧的路灯坏了，晚上一片黑", "PUBLIC");
        assertEquals(List.of(lamp), offered(second, "1号楼东边的路灯坏了好几天，晚上很黑"), "raised here: offered at once");

        long elsewhere = insertedByAnotherReplica(w, first.id(), "1号楼电梯又坏了，老人上不了楼");
        String lift = "1号楼的电梯坏了，老人上下楼很难";
        assertEquals(List.of(), offered(second, lift), "within the refresh bound the index is as last read");
        clock.advance(config.duplicates().refresh().plusSeconds(1));
        assertEquals(List.of(elsewhere), offered(second, lift), "after the bound the index is read again");

        ThreadWorld.db(() -> NativeSql.of("update consultation_thread set status = 'CLOSED' where id = :id")
                .param("id", lamp).update());
        assertEquals(List.of(), offered(second, "1号楼东面路灯坏了，晚上一片黑"), "closed since the index was read");
        ThreadWorld.db(() -> NativeSql.of("update consultation_thread set moderation = 'HIDDEN' where id = :id")
                .param("id", elsewhere).update());
        assertEquals(List.of(), offered(second, "1号楼电梯坏了，老人上不了楼"), "hidden since the index was read");
    }

    private List<Long> offered(ThreadWorld.Resident r, String text) {
        Response resp = Api.as(r.token()).body(ThreadWorld.raise(text, "PRIVATE")).post("/api/v1/threads");
        resp.then().statusCode(201);
        List<Number> ids = resp.path("similar.id");
        assertTrue(ids.size() <= config.duplicates().maxCandidates(), resp.asString());
        return ids.stream().map(Number::longValue).toList();
    }

    private long insertedByAnotherReplica(ThreadWorld w, long resident, String text) {
        return ThreadWorld.db(() -> NativeSql.of("insert into consultation_thread (community_id, ref_no, resident_id,"
                        + " description, status, source, created_at, submitted_at, category, visibility, accept_due_at,"
                        + " terms) values (:c, :ref, :r, :d, 'SUBMITTED', 'MINI', now(), now(), '设施维修', 'PUBLIC',"
                        + " now() + interval '1 day', :terms) returning id")
                .param("c", w.community).param("ref", Api.unique("R")).param("r", resident).param("d", text)
                .param("terms", similarity.joined(text)).number());
    }
}
