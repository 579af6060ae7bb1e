package org.linli.console;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;
import org.linli.AccessMatrixTest;
import org.linli.support.LinliInfra;
import org.linli.support.Routes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The authorization matrix of the console, with console sessions (cookie + CSRF token) instead of bearer tokens:
 * every console route, as the application declares it, against its expectation in {@link AccessMatrixTest}.
 * Refused means sent to the login form (no session) or the 403 page; admitted means neither and no 5xx.
 */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class ConsoleAccessTest {

    private static final long NO_SUCH_ID = 987_654_321L;

    private record Caller(String who, ConsoleClient client, boolean admitted) {
    }

    @Test
    void everyConsoleRouteAdmitsExactlyWhomItShould() {
        ConsoleWorld w = new ConsoleWorld();
        ConsoleClient committee = w.console(w.committee);
        ConsoleClient gridWorker = w.console(w.staff("GRID_WORKER", w.grids.get("第一网格"), null));
        ConsoleClient leader = w.console(w.staff("BUILDING_LEADER", null, w.buildings.get("1号楼")));
        ConsoleWorld other = new ConsoleWorld();
        ConsoleClient stranger = other.console(other.committee);
        Map<String, String> rules = AccessMatrixTest.consoleRules();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Routes.Route route : Routes.all()) {
            if (!route.path().startsWith("/console")) {
                continue;
            }
            String rule = rules.get(route.key());
            if (rule == null) {
                wrong.add(route.key() + ": no expectation");
                continue;
            }
            List<Caller> callers = new ArrayList<>();
            callers.add(new Caller("anonymous", null, rule.equals("PUBLIC")));
            switch (rule) {
                case "PUBLIC" -> {
                }
                case "STAFF" -> callers.add(new Caller("building leader", leader, true));
                case "COMMUNITY_STAFF" -> {
                    callers.add(new Caller("other community's committee", stranger, false));
                    callers.add(new Caller("grid worker", gridWorker, true));
                    callers.add(new Caller("building leader", leader, true));
                }
                case "COMMUNITY_MANAGE" -> {
                    callers.add(new Caller("other community's committee", stranger, false));
                    callers.add(new Caller("grid worker", gridWorker, false));
                    callers.add(new Caller("building leader", leader, false));
                    callers.add(new Caller("committee", committee, true));
                }
                case "COMMUNITY_INVITE" -> {
                    callers.add(new Caller("other community's committee", stranger, false));
                    callers.add(new Caller("grid worker", gridWorker, false));
                    callers.add(new Caller("committee", committee, true));
                }
                default -> wrong.add(route.key() + ": unknown rule " + rule);
            }
            for (Caller caller : callers) {
                if (rule.equals("PUBLIC") && !route.method().equals("GET")) {
                    continue; // login and logout need a form token; ConsoleLoginTest covers them
                }
                Response response = send(route, caller.client(), w.community);
                checked++;
                boolean refused = response.statusCode() == 303
                        && String.valueOf(response.header("Location")).endsWith("/console/login")
                        || response.statusCode() == 401
                        || response.statusCode() == 403 && response.asString().contains("您没有权限");
                boolean ok = caller.admitted() ? !refused && response.statusCode() < 500 : refused;
                if (!ok) {
                    wrong.add(route.key() + " as " + caller.who() + ": " + response.statusCode());
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(true, checked > 60, "checked " + checked);
    }

    private static Response send(Routes.Route route, ConsoleClient client, long community) {
        Map<String, Object> values = new TreeMap<>();
        for (String name : List.of("membershipId", "noticeId", "reminderId", "meetingId", "threadId", "pollId", "id")) {
            values.put(name, NO_SUCH_ID);
        }
        values.put("communityId", community);
        values.put("action", "accept");
        values.put("move", "announce");
        RequestSpecification request = client == null ? given().redirects().follow(false) : client.page();
        if (!route.method().equals("GET")) {
            if (client != null) {
                request.formParam("csrf", client.csrf);
            }
            Consumes consumes = route.javaMethod().getAnnotation(Consumes.class);
            if (consumes != null && Arrays.asList(consumes.value()).contains(MediaType.MULTIPART_FORM_DATA)) {
                request = client == null ? request.multiPart("file", "x.csv", new byte[0])
                        : request.multiPart("file", "x.csv", new byte[0]).multiPart("csrf", client.csrf);
            } else {
                request.formParam("building", NO_SUCH_ID);
            }
        }
        return request.request(route.method(), route.fill(values));
    }
}
