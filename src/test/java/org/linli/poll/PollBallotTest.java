package org.linli.poll;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.linli.common.Problem;
import org.linli.community.MembershipRole;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ballots under races, across channels, per household, secret, and across scopes and communities. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class PollBallotTest {

    @Inject
    BallotBox ballots;
    @Inject
    BallotBatches batches;

    @Test
    void tenIdenticalBallotsAtOnceAreOneRow() throws Exception {
        PollWorld w = new PollWorld();
        long id = w.opened(w.draft("OWNERS_ORDINARY", w.building1Scope(), List.of(PollWorld.approval("议题")),
                Duration.ZERO, Duration.ofDays(3)));
        List<Integer> statuses = race(10, () -> w.vote("A", id, 0).statusCode());
        assertTrue(statuses.stream().allMatch(s -> s == 200), statuses.toString());
        assertEquals(1, count("select count(*) from poll_ballot where poll_id = $1", id));
        assertEquals(1, count("select count(*) from poll_ballot_event where poll_id = $1", id),
                "identical repeats add no event");
    }

    @Test
    void fiveHundredVotersAtOnceAreFiveHundred() throws Exception {
        PollWorld w = new PollWorld();
        List<PollWorld.Person> voters = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            PollWorld.Person p = PollWorld.login();
            w.bind(p.id(), w.households.get("1-" + (i % 2 == 0 ? "301" : "302")), MembershipRole.FAMILY);
            voters.add(p);
        }
        long id = w.opened(w.draft("PER_RESIDENT", w.building1Scope(), List.of(PollWorld.approval("议题")),
                Duration.ZERO, Duration.ofDays(3)));
        List<Callable<Integer>> casts = voters.stream().<Callable<Integer>>map(p -> () -> Api.as(p.token())
                .body(Map.of("answers", List.of(List.of(0)))).post("/api/v1/polls/" + id + "/ballots").statusCode())
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            for (Future<Integer> f : pool.invokeAll(casts)) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(500, count("select count(*) from poll_ballot where poll_id = $1", id));
        assertEquals(500, count("select seq from poll_chain where poll_id = $1", id));
        assertChainVerifies(id, 500);
        Api.as(w.committee.token()).body(Map.of("reason", "测试提前结束")).post(w.polls() + "/" + id + "/close")
                .then().statusCode(200);
        Api.as(w.committee.token()).get(w.polls() + "/" + id + "/result").then().statusCode(200)
                .body("participating.heads", equalTo(500)).body("questions[0].options[0].heads", equalTo(500));
    }

    /*
     * Ballots checked while the poll was open wait for the batch in flight; the poll closes before they are written.
     * The whole queued batch is refused with 409 POLL_NOT_OPEN and none of it reaches the ballots or the chain.
     */
    @Test
    void ballotsQueuedWhenThePollClosesAreRefusedAndNothingIsStored() {
        PollWorld w = new PollWorld();
        long id = w.opened(w.draft("OWNERS_ORDINARY", w.building1Scope(), List.of(PollWorld.approval("议题")),
                Duration.ZERO, Duration.ofDays(3)));
        BallotBox.Box checkedWhileOpen = ballots.box(id).await().atMost(Duration.ofSeconds(10));
        Api.as(w.committee.token()).body(Map.of("reason", "测试提前结束")).post(w.polls() + "/" + id + "/close")
                .then().statusCode(200);
        List<List<Integer>> answers = List.of(List.of(0));
        // Subscribed at once: the first starts a batch, the rest queue behind it.
        List<CompletableFuture<BallotBox.Receipt>> queued = PollWorld.sql(
                        "select unit_key from poll_elector where poll_id = $1", id).stream()
                .map(r -> batches.first(checkedWhileOpen, new BallotBox.Cast(id, r.getString(0), Channel.DOOR, null,
                        false, answers, PollWorld.now(), w.committee.id(), "media-late", null),
                        PollJson.answers(answers)).subscribeAsCompletionStage()).toList();
        assertTrue(queued.size() > 2, "ballots wait behind the first batch");
        for (CompletableFuture<BallotBox.Receipt> ballot : queued) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> ballot.get(10, TimeUnit.SECONDS));
            assertTrue(refused.getCause() instanceof Problem p && p.code().equals("POLL_NOT_OPEN"), refused.toString());
        }
        assertEquals(0, count("select count(*) from poll_ballot where poll_id = $1", id));
        assertEquals(0, count("select count(*) from poll_ballot_event where poll_id = $1", id));
    }

    /*
     * D votes online while staff enter D's paper ballot signed earlier, at the same time. Exactly one counts (the
     * earlier-signed paper, by the default rule), whichever transaction wins; the other is listed as a conflict.
     */
    @Test
    void onlineAndPaperRacingCountOnceAndTheConflictIsListed() throws Exception {
        PollWorld w = new PollWorld();
        long id = w.opened(w.draft("OWNERS_ORDINARY", w.building1Scope(), List.of(PollWorld.approval("议题")),
                Duration.ZERO, Duration.ofDays(3)));
        String signedAt = PollWorld.now().plusSeconds(30).toString();
        PollWorld.clock().advance(Duration.ofMinutes(2));
        try {
            String poll = w.polls() + "/" + id;
            List<Callable<Integer>> both = List.of(() -> w.vote("D", id, 1).statusCode(),
                    () -> Api.as(w.committee.token()).body(Map.of("householdId", w.households.get("1-202"),
                                    "channel", "DOOR", "answers", List.of(List.of(0)), "signedAt", signedAt,
                                    "photoMediaId", "media-door-202"))
                            .post(poll + "/paper-ballots").statusCode());
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (Future<Integer> f : pool.invokeAll(both)) {
                    assertTrue(f.get() == 200 || f.get() == 201);
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(1, count("select count(*) from poll_ballot where poll_id = $1", id));
            assertEquals("DOOR", PollWorld.sql("select channel from poll_ballot where poll_id = $1", id).get(0)
                    .getString(0), "the earlier-signed paper ballot counts");
            Api.as(w.committee.token()).get(poll + "/conflicts").then().statusCode(200).body("", hasSize(1))
                    .body("[0].countedChannel", equalTo("DOOR")).body("[0].setAsideChannel", equalTo("ONLINE"));
        } finally {
            PollWorld.clock().reset();
        }
    }

    /*
     * 户代表: 201 has B (owner) and C (co-owner) and, named by staff, B as representative. C votes first and counts;
     * D's household has no representative: its first ballot counts and the second member is refused. Then B, the
     * representative, votes: B's ballot replaces C's.
     */
    @Test
    void householdWithTwoMembersVoting() {
        PollWorld w = new PollWorld();
        PollWorld.Person d2 = w.owner("D2", MembershipRole.FAMILY, "1-202");
        PollWorld.db(() -> io.quarkus.arc.Arc.container().instance(org.linli.community.ElectorateRoster.class).get()
                .nameRepresentative(w.community, w.households.get("1-201"), w.person("B").id()));
        long id = w.opened(w.draft("PER_HOUSEHOLD", w.building1Scope(), List.of(PollWorld.approval("议题")),
                Duration.ZERO, Duration.ofDays(3)));
        w.vote("C", id, 1).then().statusCode(200);
        w.vote("D", id, 0).then().statusCode(200);
        Api.as(d2.token()).body(Map.of("answers", List.of(List.of(1)))).post("/api/v1/polls/" + id + "/ballots")
                .then().statusCode(409).body("code", equalTo("POLL_UNIT_ALREADY_VOTED"));
        w.vote("B", id, 0).then().statusCode(200).body("status", equalTo("CHANGED"));
        assertEquals(w.person("B").id(), PollWorld.sql("select voter_id from poll_ballot where poll_id = $1"
                + " and unit_key = $2", id, "h:" + w.households.get("1-201")).get(0).getLong(0));
        assertEquals(8, count("select count(*) from poll_elector where poll_id = $1", id), "8 households");
    }

    @Test
    void secretBallotGivesAReceiptAndKeepsNoChoiceWithTheVoter() {
        PollWorld w = new PollWorld();
        Map<String, Object> draft = w.draft("OWNERS_ORDINARY", w.building1Scope(), List.of(PollWorld.approval("议题")),
                Duration.ZERO, Duration.ofDays(3));
        draft.put("secret", true);
        draft.put("resultsVisibility", "AFTER_CLOSE");
        long id = w.opened(draft);
        String receipt = w.vote("A", id, 0).then().statusCode(200).extract().path("receipt");
        assertNotNull(receipt);
        w.vote("A", id, 1).then().statusCode(409).body("code", equalTo("POLL_ALREADY_VOTED"));
        w.vote("B", id, 1).then().statusCode(200);
        Response mine = Api.as(w.person("A").token()).get("/api/v1/polls/" + id + "/my-ballot");
        mine.then().statusCode(200).body("[0].voted", equalTo(true));
        assertNull(mine.path("[0].answers"));
        assertNull(mine.path("[0].castAt"));
        // Secret never turns off.
        draft.put("secret", false);
        Api.as(w.committee.token()).body(draft).put(w.polls() + "/" + id).then().statusCode(409);

        String poll = w.polls() + "/" + id;
        Api.as(w.committee.token()).body(Map.of("reason", "测试")).post(poll + "/close").then().statusCode(200);
        Api.as(w.committee.token()).body(Map.of("statement", "结果如下。")).put(poll + "/outcome").then().statusCode(200);
        Api.as(w.committee.token()).post(poll + "/publish").then().statusCode(200);
        String pub = "/api/v1/public/communities/" + w.code + "/polls/" + id;
        given().get(pub).then().statusCode(200).body("result.questions[0].options[0].heads", equalTo(1))
                .body("result.questions[0].options[0].area", equalTo(100.00f));
        given().get(pub + "/receipts/" + receipt).then().statusCode(200).body("answers[0][0]", equalTo(0));
        String choices = given().get(pub + "/choices.csv").asString();
        assertTrue(choices.contains(receipt + ",0"));
        assertTrue(given().get(pub + "/events.csv").asString().contains("answers=secret"));
    }

    /*
     * 60 voters of a secret poll at once (ballots written in batches): 60 distinct receipts, 60 choices under them,
     * running totals that add up to the choices as sent, and a chain of 60 CAST events.
     */
    @Test
    void secretBallotsAtOnceAreEachCountedOnce() throws Exception {
        PollWorld w = new PollWorld();
        List<PollWorld.Person> voters = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            PollWorld.Person p = PollWorld.login();
            w.bind(p.id(), w.households.get("1-" + (i % 2 == 0 ? "301" : "302")), MembershipRole.FAMILY);
            voters.add(p);
        }
        Map<String, Object> draft = w.draft("PER_RESIDENT", w.building1Scope(), List.of(PollWorld.approval("议题")),
                Duration.ZERO, Duration.ofDays(3));
        draft.put("secret", true);
        long id = w.opened(draft);
        List<Callable<String>> casts = new ArrayList<>();
        for (int i = 0; i < voters.size(); i++) {
            PollWorld.Person p = voters.get(i);
            int option = i % 3 == 0 ? 1 : 0;
            casts.add(() -> Api.as(p.token()).body(Map.of("answers", List.of(List.of(option))))
                    .post("/api/v1/polls/" + id + "/ballots").then().statusCode(200).extract().path("receipt"));
        }
        java.util.Set<String> receipts = new java.util.HashSet<>();
        ExecutorService pool = Executors.newFixedThreadPool(30);
        try {
            for (Future<String> f : pool.invokeAll(casts)) {
                receipts.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(60, receipts.size());
        assertEquals(60, count("select count(*) from poll_secret_choice where poll_id = $1", id));
        assertEquals(40, count("select count(*) from poll_secret_choice where poll_id = $1 and answers = '0'", id));
        assertEquals(40, count("select heads from poll_secret_total where poll_id = $1 and option = 0", id));
        assertEquals(20, count("select heads from poll_secret_total where poll_id = $1 and option = 1", id));
        assertEquals(0, count("select count(*) from poll_ballot where poll_id = $1 and answers is not null", id));
        assertChainVerifies(id, 60);
    }

    /** The poll's events recomputed in order: seq 1..n, each linked to the previous hash, ending at the head. */
    private static void assertChainVerifies(long pollId, int events) {
        String head = "0".repeat(64);
        long seq = 0;
        for (var r : PollWorld.sql("select seq, content, prev_hash, hash from poll_ballot_event where poll_id = $1"
                + " order by seq", pollId)) {
            assertEquals(++seq, r.getLong(0));
            assertEquals(head, r.getString(2), "prev_hash of event " + seq);
            head = PollFlowTest.sha256(head + "\n" + r.getString(1));
            assertEquals(head, r.getString(3), "hash of event " + seq);
        }
        assertEquals(events, seq);
        assertEquals(head, PollWorld.sql("select head from poll_chain where poll_id = $1", pollId).get(0).getString(0));
    }

    /*
     * From the schema alone: the choice table has no column that names a voter, a unit, a ballot or a time, and
     * no foreign key other than to the poll; so no query can join a choice to a voter.
     */
    @Test
    void schemaCannotJoinVoterAndChoice() {
        Set<String> columns = new HashSet<>();
        PollWorld.sql("select column_name, data_type from information_schema.columns where table_name = $1",
                "poll_secret_choice").forEach(r -> {
            columns.add(r.getString(0));
            assertTrue(!r.getString(1).contains("time") && !r.getString(1).contains("date"),
                    "no time column: " + r.getString(0));
        });
        assertEquals(Set.of("poll_id", "receipt", "answers"), columns);
        Set<String> voterSide = new HashSet<>();
        for (String table : List.of("poll_ballot", "poll_elector", "poll_elector_voter", "poll_ballot_event",
                "poll_conflict", "poll_elector_household")) {
            PollWorld.sql("select column_name from information_schema.columns where table_name = $1", table)
                    .forEach(r -> voterSide.add(r.getString(0)));
        }
        Set<String> shared = new HashSet<>(columns);
        shared.retainAll(voterSide);
        // poll_id is shared by every voter of the poll; answers is the choice itself (shared by all who made it),
        // and on the voter's side it is NULL for every secret ballot, as the data below shows.
        assertEquals(Set.of("poll_id", "answers"), shared);
        secretBallotGivesAReceiptAndKeepsNoChoiceWithTheVoter();
        assertEquals(0, count("select count(*) from poll_ballot b join poll p on p.id = b.poll_id"
                + " where p.secret and b.answers is not null"));
        assertEquals(0, count("select count(*) from poll_conflict c join poll p on p.id = c.poll_id"
                + " where p.secret and c.set_aside_answers is not null"));
        assertEquals(List.of("poll"), PollWorld.sql("select ccu.table_name from information_schema.table_constraints tc"
                + " join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name"
                + " where tc.table_name = $1 and tc.constraint_type = 'FOREIGN KEY'", "poll_secret_choice")
                .stream().map(r -> r.getString(0)).toList());
        // The receipt is not stored anywhere on the voter's side either.
        assertEquals(0, count("select count(*) from information_schema.columns where table_name like 'poll%'"
                + " and column_name = 'receipt' and table_name <> $1", "poll_secret_choice"));
    }

    @Test
    void scopesAndCommunitiesAreIsolated() {
        PollWorld w = new PollWorld();
        PollWorld.Person leader1 = w.staff("BUILDING_LEADER", w.building1);
        PollWorld.Person leader2 = w.staff("BUILDING_LEADER", w.building2);
        Map<String, Object> draft = w.draft("OWNERS_ORDINARY", w.building1Scope(), List.of(PollWorld.approval("议题")),
                Duration.ofDays(16), Duration.ofDays(3));
        Api.as(leader2.token()).body(draft).post(w.polls()).then().statusCode(403)
                .body("code", equalTo("POLL_SCOPE_FORBIDDEN"));
        Api.as(leader1.token()).body(w.draft("OWNERS_ORDINARY", Map.of("kind", "COMMUNITY"),
                List.of(PollWorld.approval("议题")), Duration.ofDays(16), Duration.ofDays(3))).post(w.polls())
                .then().statusCode(403);
        long id = w.create(leader1.token(), draft);
        Api.as(leader2.token()).get(w.polls() + "/" + id).then().statusCode(403);
        Api.as(leader2.token()).get(w.polls()).then().statusCode(200).body("", hasSize(0));
        Api.as(leader1.token()).get(w.polls()).then().statusCode(200).body("", hasSize(1));

        PollWorld other = new PollWorld();
        Api.as(other.committee.token()).get(w.polls() + "/" + id).then().statusCode(403);
        Api.as(other.committee.token()).get(other.polls() + "/" + id).then().statusCode(404);
        // Building ids of another community are not found, so not addressable.
        Api.as(other.committee.token()).body(draft).post(other.polls()).then().statusCode(400)
                .body("code", equalTo("POLL_TARGET_NOT_FOUND"));

        long open = w.opened(w.draft("OWNERS_ORDINARY", w.building1Scope(), List.of(PollWorld.approval("议题")),
                Duration.ZERO, Duration.ofDays(3)));
        Api.as(w.person("A").token()).get("/api/v1/polls").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem((int) open));
        Api.as(w.person("G").token()).get("/api/v1/polls").then().statusCode(200).body("", hasSize(0));
        Api.as(w.person("G").token()).get("/api/v1/polls/" + open).then().statusCode(404);
        Api.as(other.person("A").token()).get("/api/v1/polls/" + open).then().statusCode(404);
    }

    private static long count(String sql, Object... params) {
        return PollWorld.sql(sql, params).get(0).getLong(0);
    }

    private static List<Integer> race(int n, Callable<Integer> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tasks.add(task);
            }
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }
}
