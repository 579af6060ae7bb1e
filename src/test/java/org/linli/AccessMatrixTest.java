package org.linli;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.linli.support.Api;
import org.linli.support.LinliInfra;
import org.linli.support.Routes;
import org.linli.support.Routes.Route;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may call what, for every endpoint of the application's own route list ({@link Routes}). Each route has its
 * expected access below; a route without one (or an expectation without a route) fails the test, so a new endpoint
 * cannot ship undeclared. Each is called with no token, a stale token, a resident, staff of another community and the
 * narrower roles of its own community; the least privileged caller that should pass must not be refused.
 */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class AccessMatrixTest {

    enum Rule {
        /** Anyone; a stale or bogus token is ignored, never answered 401. */
        PUBLIC,
        RESIDENT,
        /** Any staff account. */
        STAFF,
        PLATFORM_ADMIN,
        /** Any staff role in the path's community. */
        COMMUNITY_STAFF,
        /** ADMIN or COMMITTEE of the path's community. */
        COMMUNITY_MANAGE,
        /** ADMIN, COMMITTEE or BUILDING_LEADER of the path's community. */
        COMMUNITY_INVITE
    }

    private static final Map<String, Rule> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("POST /api/v1/auth/mini", Rule.PUBLIC),
            Map.entry("POST /api/v1/auth/staff", Rule.PUBLIC),
            Map.entry("POST /api/v1/auth/logout", Rule.PUBLIC),
            Map.entry("GET /wechat/mp", Rule.PUBLIC),
            Map.entry("POST /wechat/mp", Rule.PUBLIC),
            Map.entry("GET /wechat/mini", Rule.PUBLIC),
            Map.entry("POST /wechat/mini", Rule.PUBLIC),
            Map.entry("GET /dev/chat", Rule.PUBLIC),
            Map.entry("GET /gongshi/{code}", Rule.PUBLIC),
            Map.entry("POST /dev/chat/send", Rule.PUBLIC),
            Map.entry("GET /dev/chat/pushed", Rule.PUBLIC),

            Map.entry("GET /api/v1/me", Rule.RESIDENT),
            Map.entry("POST /api/v1/me/memberships", Rule.RESIDENT),
            Map.entry("GET /api/v1/me/push-consents", Rule.RESIDENT),
            Map.entry("POST /api/v1/me/push-consents", Rule.RESIDENT),
            Map.entry("GET /api/v1/me/push-inbox", Rule.RESIDENT),
            Map.entry("POST /api/v1/me/push-inbox/seen", Rule.RESIDENT),
            Map.entry("GET /api/v1/me/reminder-settings", Rule.RESIDENT),
            Map.entry("PUT /api/v1/me/reminder-settings", Rule.RESIDENT),
            Map.entry("GET /api/v1/notices", Rule.RESIDENT),
            Map.entry("GET /api/v1/notices/{noticeId}", Rule.RESIDENT),
            Map.entry("POST /api/v1/notices/{noticeId}/ack", Rule.RESIDENT),

            Map.entry("GET /api/v1/communities", Rule.STAFF),
            Map.entry("POST /api/v1/communities", Rule.PLATFORM_ADMIN),
            Map.entry("POST /api/v1/admin/wechat/menu", Rule.PLATFORM_ADMIN),

            Map.entry("GET /api/v1/communities/{communityId}", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/grids", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/grids", Rule.COMMUNITY_MANAGE),
            Map.entry("GET /api/v1/communities/{communityId}/buildings", Rule.COMMUNITY_STAFF),
            Map.entry("PUT /api/v1/communities/{communityId}/buildings/{buildingId}/grid", Rule.COMMUNITY_MANAGE),
            Map.entry("GET /api/v1/communities/{communityId}/staff", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/staff", Rule.COMMUNITY_MANAGE),
            Map.entry("POST /api/v1/communities/{communityId}/roster", Rule.COMMUNITY_MANAGE),
            Map.entry("GET /api/v1/communities/{communityId}/households", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/households/{householdId}/invites", Rule.COMMUNITY_INVITE),
            Map.entry("POST /api/v1/communities/{communityId}/invites", Rule.COMMUNITY_INVITE),
            Map.entry("GET /api/v1/communities/{communityId}/memberships", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/memberships/{membershipId}/approve", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/memberships/{membershipId}/reject", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/notices", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/notices", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/notices/{noticeId}", Rule.COMMUNITY_STAFF),
            Map.entry("PUT /api/v1/communities/{communityId}/notices/{noticeId}", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/notices/{noticeId}/withdraw", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/notices/{noticeId}/versions", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/notices/{noticeId}/stats", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/notices/{noticeId}/unread-households", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/push/dead-letters", Rule.COMMUNITY_MANAGE),
            Map.entry("GET /api/v1/communities/{communityId}/reminders", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/reminders", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/reminders/{reminderId}", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/reminders/{reminderId}/cancel", Rule.COMMUNITY_STAFF),
            Map.entry("PUT /api/v1/communities/{communityId}/reminders/{reminderId}/leads", Rule.COMMUNITY_MANAGE),
            Map.entry("POST /api/v1/communities/{communityId}/push/dead-letters/redrive", Rule.COMMUNITY_MANAGE),
            Map.entry("POST /api/v1/communities/{communityId}/push/dead-letters/{id}/redrive", Rule.COMMUNITY_MANAGE),
            // --- polls (org.linli.poll) ---
            Map.entry("POST /api/v1/communities/{communityId}/polls", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/polls", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/polls/{pollId}", Rule.COMMUNITY_STAFF),
            Map.entry("PUT /api/v1/communities/{communityId}/polls/{pollId}", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/polls/{pollId}/announce", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/polls/{pollId}/open", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/polls/{pollId}/close", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/polls/{pollId}/extend", Rule.COMMUNITY_STAFF),
            Map.entry("PUT /api/v1/communities/{communityId}/polls/{pollId}/outcome", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/polls/{pollId}/publish", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/polls/{pollId}/result", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/polls/{pollId}/electorate", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/polls/{pollId}/electorate", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/polls/{pollId}/turnout", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/polls/{pollId}/turnout/not-voted", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/polls/{pollId}/paper-ballots", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/polls/{pollId}/conflicts", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/polls/{pollId}/audit", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/polls/{pollId}/export", Rule.COMMUNITY_MANAGE),
            Map.entry("GET /api/v1/polls", Rule.RESIDENT),
            Map.entry("GET /api/v1/polls/{pollId}", Rule.RESIDENT),
            Map.entry("POST /api/v1/polls/{pollId}/ballots", Rule.RESIDENT),
            Map.entry("GET /api/v1/polls/{pollId}/my-ballot", Rule.RESIDENT),
            Map.entry("GET /api/v1/public/communities/{code}/polls", Rule.PUBLIC),
            Map.entry("GET /api/v1/public/communities/{code}/polls/{pollId}", Rule.PUBLIC),
            Map.entry("GET /api/v1/public/communities/{code}/polls/{pollId}/events.csv", Rule.PUBLIC),
            Map.entry("GET /api/v1/public/communities/{code}/polls/{pollId}/choices.csv", Rule.PUBLIC),
            Map.entry("GET /api/v1/public/communities/{code}/polls/{pollId}/receipts/{receipt}", Rule.PUBLIC),

            // Threads (说事)
            Map.entry("GET /api/v1/public/communities/{code}/threads", Rule.PUBLIC),
            Map.entry("POST /api/v1/threads", Rule.RESIDENT),
            Map.entry("GET /api/v1/threads", Rule.RESIDENT),
            Map.entry("GET /api/v1/threads/public", Rule.RESIDENT),
            Map.entry("GET /api/v1/threads/{threadId}", Rule.RESIDENT),
            Map.entry("POST /api/v1/threads/{threadId}/submit", Rule.RESIDENT),
            Map.entry("POST /api/v1/threads/{threadId}/support", Rule.RESIDENT),
            Map.entry("DELETE /api/v1/threads/{threadId}/support", Rule.RESIDENT),
            Map.entry("POST /api/v1/threads/{threadId}/comments", Rule.RESIDENT),
            Map.entry("PUT /api/v1/threads/{threadId}/comments/{commentId}", Rule.RESIDENT),
            Map.entry("DELETE /api/v1/threads/{threadId}/comments/{commentId}", Rule.RESIDENT),
            Map.entry("POST /api/v1/threads/{threadId}/reports", Rule.RESIDENT),
            Map.entry("POST /api/v1/threads/{threadId}/rating", Rule.RESIDENT),
            Map.entry("POST /api/v1/threads/{threadId}/reopen", Rule.RESIDENT),
            Map.entry("GET /api/v1/communities/{communityId}/threads", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/threads/{threadId}", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/threads/{threadId}/{action}", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/threads/{threadId}/notes", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/threads/{threadId}/comments", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/threads/{threadId}/moderation", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/threads/figures", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/threads/escalated", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/threads/alerts", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/roster/xlsx", Rule.COMMUNITY_MANAGE),

            // Meetings (议事会 / 居民会议)
            Map.entry("POST /api/v1/communities/{communityId}/meetings", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/meetings", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/meetings/{meetingId}", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/meetings/{meetingId}/cancel", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/meetings/{meetingId}/qrcode", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/meetings/{meetingId}/attendance", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/communities/{communityId}/meetings/{meetingId}/attendance", Rule.COMMUNITY_STAFF),
            Map.entry("POST /api/v1/communities/{communityId}/meetings/{meetingId}/minutes", Rule.COMMUNITY_STAFF),
            Map.entry("GET /api/v1/meetings", Rule.RESIDENT),
            Map.entry("GET /api/v1/meetings/{meetingId}", Rule.RESIDENT),
            Map.entry("PUT /api/v1/meetings/{meetingId}/rsvp", Rule.RESIDENT),

            // The web console (cookie sessions and CSRF tokens): called by console.ConsoleAccessTest, not below.
            Map.entry("GET /console/login", Rule.PUBLIC),
            Map.entry("POST /console/login", Rule.PUBLIC),
            Map.entry("POST /console/logout", Rule.PUBLIC),
            Map.entry("GET /console", Rule.STAFF),
            Map.entry("GET /console/c/{communityId}", Rule.COMMUNITY_STAFF),
            Map.entry("GET /console/c/{communityId}/households", Rule.COMMUNITY_STAFF),
            Map.entry("GET /console/c/{communityId}/households/export", Rule.COMMUNITY_STAFF),
            Map.entry("GET /console/c/{communityId}/roster", Rule.COMMUNITY_MANAGE),
            Map.entry("POST /console/c/{communityId}/roster", Rule.COMMUNITY_MANAGE),
            Map.entry("GET /console/c/{communityId}/memberships", Rule.COMMUNITY_STAFF),
            Map.entry("POST /console/c/{communityId}/memberships/{membershipId}/approve", Rule.COMMUNITY_STAFF),
            Map.entry("POST /console/c/{communityId}/memberships/{membershipId}/reject", Rule.COMMUNITY_STAFF),
            Map.entry("GET /console/c/{communityId}/invites", Rule.COMMUNITY_INVITE),
            Map.entry("POST /console/c/{communityId}/invites", Rule.COMMUNITY_INVITE),
            Map.entry("GET /console/c/{communityId}/meetings", Rule.COMMUNITY_STAFF),
            Map.entry("GET /console/c/{communityId}/meetings/{meetingId}", Rule.COMMUNITY_STAFF),
            Map.entry("GET /console/c/{communityId}/meetings/new", Rule.COMMUNITY_STAFF),
            Map.entry("POST /console/c/{communityId}/meetings", Rule.COMMUNITY_STAFF),
            Map.entry("POST /console/c/{communityId}/meetings/{meetingId}/cancel", Rule.COMMUNITY_STAFF),
            Map.entry("POST /console/c/{communityId}/meetings/{meetingId}/minutes", Rule.COMMUNITY_STAFF),
            Map.entry("POST /console/c/{communityId}/meetings/{meetingId}/qrcode", Rule.COMMUNITY_STAFF),
            Map.entry("GET /console/c/{communityId}/reminders", Rule.COMMUNITY_STAFF),
            Map.entry("POST /console/c/{communityId}/reminders", Rule.COMMUNITY_STAFF),
            Map.entry("POST /console/c/{communityId}/reminders/{reminderId}/cancel", Rule.COMMUNITY_STAFF),
            Map.entry("GET /console/c/{communityId}/threads", Rule.COMMUNITY_STAFF),
            Map.entry("GET /console/c/{communityId}/threads/export", Rule.COMMUNITY_STAFF),
            Map.entry("POST /console/c/{communityId}/threads/assign", Rule.COMMUNITY_STAFF),
            Map.entry("GET /console/c/{communityId}/threads/{threadId}", Rule.COMMUNITY_STAFF),
            Map.entry("POST /console/c/{communityId}/threads/{threadId}/{action}", Rule.COMMUNITY_STAFF),
            Map.entry("POST /console/c/{communityId}/threads/{threadId}/moderation", Rule.COMMUNITY_STAFF),
            Map.entry("GET /console/c/{communityId}/polls", Rule.COMMUNITY_STAFF),
            Map.entry("POST /console/c/{communityId}/polls", Rule.COMMUNITY_STAFF),
            Map.entry("GET /console/c/{communityId}/polls/new", Rule.COMMUNITY_STAFF),
            Map.entry("GET /console/c/{communityId}/polls/{pollId}", Rule.COMMUNITY_STAFF),
            Map.entry("POST /console/c/{communityId}/polls/{pollId}/{move}", Rule.COMMUNITY_STAFF),
            Map.entry("POST /console/c/{communityId}/polls/{pollId}/paper-ballots", Rule.COMMUNITY_STAFF),
            Map.entry("GET /console/c/{communityId}/polls/{pollId}/electorate", Rule.COMMUNITY_STAFF),
            Map.entry("GET /console/c/{communityId}/notices", Rule.COMMUNITY_STAFF),
            Map.entry("POST /console/c/{communityId}/notices", Rule.COMMUNITY_STAFF),
            Map.entry("GET /console/c/{communityId}/notices/new", Rule.COMMUNITY_STAFF),
            Map.entry("POST /console/c/{communityId}/notices/preview", Rule.COMMUNITY_STAFF),
            Map.entry("GET /console/c/{communityId}/notices/{noticeId}", Rule.COMMUNITY_STAFF),
            Map.entry("GET /console/c/{communityId}/notices/{noticeId}/unread-households", Rule.COMMUNITY_STAFF),
            Map.entry("POST /console/c/{communityId}/notices/{noticeId}/withdraw", Rule.COMMUNITY_STAFF),
            Map.entry("GET /console/c/{communityId}/settings", Rule.COMMUNITY_STAFF),
            Map.entry("POST /console/c/{communityId}/settings", Rule.COMMUNITY_MANAGE),
            Map.entry("POST /console/c/{communityId}/settings/holidays", Rule.COMMUNITY_MANAGE),
            Map.entry("GET /console/c/{communityId}/staff", Rule.COMMUNITY_STAFF),
            Map.entry("POST /console/c/{communityId}/staff", Rule.COMMUNITY_MANAGE),
            Map.entry("GET /console/c/{communityId}/dead-letters", Rule.COMMUNITY_MANAGE),
            Map.entry("POST /console/c/{communityId}/dead-letters/redrive", Rule.COMMUNITY_MANAGE),
            Map.entry("POST /console/c/{communityId}/dead-letters/{id}/redrive", Rule.COMMUNITY_MANAGE)
    ));

    /**
     * Bodies for routes whose permission is checked after the body is read (the checker needs the method's arguments),
     * so that what is tested is the access rule, not the body; every other route gets {@code {}}.
     */
    private static final Map<String, String> BODIES = Map.of(
            "PUT /api/v1/communities/{communityId}/buildings/{buildingId}/grid", "{\"gridId\":null}");

    /** The console's expectations, for console.ConsoleAccessTest (which calls them with cookies). */
    public static Map<String, String> consoleRules() {
        Map<String, String> rules = new TreeMap<>();
        EXPECTED.forEach((route, rule) -> {
            if (route.contains(" /console")) {
                rules.put(route, rule.name());
            }
        });
        return rules;
    }

    /** Ids that exist nowhere, for the path parameters other than the community. */
    private static final long NO_SUCH_ID = 987_654_321L;

    private long community;
    private String communityCode;
    private String platformAdmin;
    private String committee;
    private String gridWorker;
    private String buildingLeader;
    private String otherCommunityCommittee;
    private String resident;

    /** Once per class, from the first test (REST Assured knows the test port only inside a test). */
    private void callers() {
        if (resident != null) {
            return;
        }
        platformAdmin = Api.adminToken();
        community = Api.newCommunity(platformAdmin);
        communityCode = Api.as(platformAdmin).get("/api/v1/communities/" + community).path("code");
        committee = Api.newStaff(platformAdmin, community, "COMMITTEE");
        gridWorker = Api.newStaff(platformAdmin, community, "GRID_WORKER");
        buildingLeader = Api.newStaff(platformAdmin, community, "BUILDING_LEADER");
        otherCommunityCommittee = Api.newStaff(platformAdmin, Api.newCommunity(platformAdmin), "COMMITTEE");
        resident = given().contentType(ContentType.JSON).body(Map.of("code", Api.unique("matrix")))
                .post("/api/v1/auth/mini").then().statusCode(200).extract().path("token");
    }

    @Test
    void everyRouteHasAnExpectationAndEveryExpectationARoute() {
        Set<String> routes = new TreeSet<>();
        Routes.all().forEach(r -> routes.add(r.key()));
        Set<String> undeclared = new TreeSet<>(routes);
        undeclared.removeAll(EXPECTED.keySet());
        Set<String> gone = new TreeSet<>(EXPECTED.keySet());
        gone.removeAll(routes);
        assertTrue(undeclared.isEmpty(), "routes without an expected access rule: " + undeclared);
        assertTrue(gone.isEmpty(), "expectations for routes that do not exist: " + gone);
    }

    @Test
    void everyRouteAdmitsExactlyWhomItShould() {
        callers();
        List<String> wrong = new ArrayList<>();
        for (Route route : Routes.all()) {
            Rule rule = EXPECTED.get(route.key());
            if (rule == null || route.path().startsWith("/console")) {
                continue; // reported by the test above; console routes: console.ConsoleAccessTest
            }
            for (Call call : callsFor(rule)) {
                Response response = send(route, call.token());
                if (!call.accepts(response)) {
                    wrong.add(route.key() + " as " + call.who() + ": " + response.statusCode() + " "
                            + response.asString().replaceAll("\\s+", " "));
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    private record Call(String who, String token, Set<Integer> statuses, boolean refused) {

        private static final Set<String> SECURITY_CODES = Set.of("UNAUTHENTICATED", "TOKEN_INVALID",
                "ACCOUNT_DISABLED", "FORBIDDEN", "STAFF_ONLY", "RESIDENT_ONLY");

        boolean accepts(Response response) {
            boolean securityRefusal = (response.statusCode() == 401 || response.statusCode() == 403)
                    && SECURITY_CODES.contains(code(response));
            return refused ? securityRefusal && statuses.contains(response.statusCode())
                    : !securityRefusal && response.statusCode() < 500;
        }

        private static String code(Response response) {
            try {
                return response.path("code");
            } catch (RuntimeException notJson) {
                return null;
            }
        }
    }

    private static Call refused(String who, String token, Integer... statuses) {
        return new Call(who, token, Set.of(statuses), true);
    }

    private static Call admitted(String who, String token) {
        return new Call(who, token, Set.of(), false);
    }

    private List<Call> callsFor(Rule rule) {
        if (rule == Rule.PUBLIC) {
            // Not 401 for a stale token: login pages and WeChat's callbacks must work whatever the client still holds.
            return List.of(admitted("anonymous", null), admitted("stale token", "stale-token-from-yesterday"));
        }
        List<Call> calls = new ArrayList<>(List.of(refused("anonymous", null, 401),
                refused("stale token", "stale-token-from-yesterday", 401)));
        switch (rule) {
            case RESIDENT -> {
                calls.add(refused("committee", committee, 403));
                calls.add(admitted("resident", resident));
            }
            case STAFF -> {
                calls.add(refused("resident", resident, 403));
                calls.add(admitted("building leader", buildingLeader));
            }
            case PLATFORM_ADMIN -> {
                calls.add(refused("resident", resident, 403));
                calls.add(refused("committee", committee, 403));
                calls.add(admitted("platform admin", platformAdmin));
            }
            case COMMUNITY_STAFF -> {
                calls.add(refused("resident", resident, 403));
                calls.add(refused("other community's committee", otherCommunityCommittee, 403));
                calls.add(admitted("building leader", buildingLeader));
                calls.add(admitted("grid worker", gridWorker));
            }
            case COMMUNITY_MANAGE -> {
                calls.add(refused("resident", resident, 403));
                calls.add(refused("other community's committee", otherCommunityCommittee, 403));
                calls.add(refused("grid worker", gridWorker, 403));
                calls.add(refused("building leader", buildingLeader, 403));
                calls.add(admitted("committee", committee));
            }
            case COMMUNITY_INVITE -> {
                calls.add(refused("resident", resident, 403));
                calls.add(refused("other community's committee", otherCommunityCommittee, 403));
                calls.add(refused("grid worker", gridWorker, 403));
                calls.add(admitted("committee", committee));
            }
            default -> throw new IllegalStateException(rule.name());
        }
        return calls;
    }

    private Response send(Route route, String token) {
        Map<String, Object> values = new TreeMap<>();
        for (String name : List.of("householdId", "buildingId", "membershipId", "noticeId", "id", "pollId",
                "threadId", "commentId", "reminderId", "meetingId")) {
            values.put(name, NO_SUCH_ID);
        }
        values.put("action", "accept");
        values.put("communityId", community);
        values.put("code", communityCode);
        values.put("receipt", "NOSUCHRECEIPT");
        RequestSpecification request = given().redirects().follow(false);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (route.hasBody()) {
            request = route.consumesJson() ? request.contentType(ContentType.JSON).body(BODIES.getOrDefault(route.key(), "{}"))
                    : request.contentType("text/csv").body(new byte[0]);
        }
        return request.request(route.method(), route.fill(values));
    }
}
