package org.linli.community;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.community.CommunityFixtures.counts;
import static org.linli.community.CommunityFixtures.upload;
import static org.linli.community.CommunityFixtures.utf8;

/** Issue 8 §2: a 316k-row roster ran for minutes in one transaction; now rows are capped and an abort rolls back. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class RosterBoundsTest {

    static final int MAX_ROWS = 20_000;

    @TestHTTPResource("/")
    URI base;

    String admin;
    long community;
    CommunityFixtures.Staff committee;

    @BeforeEach
    void freshCommunity() {
        admin = Api.adminToken();
        community = Api.newCommunity(admin);
        committee = CommunityFixtures.committee(admin, community);
    }

    /** A roster of distinct rooms: 20 buildings × 4 units × n/80 rooms. */
    static String roster(int rows) {
        StringBuilder csv = new StringBuilder("楼栋,单元,房号,面积,业主姓名,电话\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i % 20 + 1).append("号楼,").append(i / 20 % 4 + 1).append("单元,").append(i / 80 + 101)
                    .append(",90,业主").append(i).append(",\n");
        }
        return csv.toString();
    }

    @Test
    void aRosterOverTheRowLimitIsRefusedBeforeAnythingIsWritten() {
        upload(committee.token(), community, utf8(roster(MAX_ROWS + 1)), true).then().statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("ROSTER_TOO_MANY_ROWS"))
                .body("detail", containsString("20000"));
        assertEquals(0, counts(community).households());
    }

    @Test
    void aRosterAtTheLimitStillImports() {
        long started = System.nanoTime();
        upload(committee.token(), community, utf8(roster(MAX_ROWS))).then().statusCode(200)
                .body("rows", equalTo(MAX_ROWS)).body("created", equalTo(MAX_ROWS));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(MAX_ROWS, counts(community).households());
        System.out.printf("roster import of %d rows took %d ms%n", MAX_ROWS, took.toMillis());
    }

    @Test
    void aClientThatGoesAwayMidImportLeavesNothingAndReleasesTheCommunity() throws Exception {
        byte[] body = utf8(roster(MAX_ROWS));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/communities/" + community + "/roster HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + committee.token() + "\r\nContent-Type: text/csv\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            // Wait until the import is writing (households appear in its transaction: visible as a held lock).
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!importRunning() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(importRunning(), "the import never started");
        }
        // The community is free again soon (a second import gets its lock) and the first one wrote nothing.
        long started = System.nanoTime();
        upload(committee.token(), community, utf8(roster(3))).then().statusCode(200).body("created", equalTo(3));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(waited.compareTo(Duration.ofSeconds(10)) < 0, "waited " + waited);
        assertEquals(3, counts(community).households());
    }

    /** Whether the import is inserting households (its last statement, in this test database). */
    private boolean importRunning() {
        Long locked = CommunityFixtures.db(() -> io.quarkus.hibernate.reactive.panache.Panache.getSession()
                .chain(s -> s.createNativeQuery("select count(*) from pg_stat_activity where datname = current_database()"
                        + " and query ilike 'insert into household%'", Long.class).getSingleResult()));
        return locked != null && locked > 0;
    }
}
