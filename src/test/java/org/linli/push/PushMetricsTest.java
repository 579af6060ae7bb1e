package org.linli.push;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.LinliInfra;
import org.linli.wechat.fake.WechatPaths;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.linli.push.PushWorld.ids;
import static org.linli.push.PushWorld.message;
import static org.linli.push.PushWorld.unique;

/** What an operator reads at /q/metrics about pushes: outcomes, WeChat calls, and the outbox's backlog. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class PushMetricsTest {

    @Inject
    PushWorld world;

    @Inject
    PushMetrics metrics;

    @BeforeEach
    void setUp() {
        world.reset();
    }

    @Test
    void outcomesCallsAndTheBacklogAreExported() {
        long community = world.community();
        var people = world.residents(community, 3, false, true);
        world.wechat.failFor(WechatPaths.TEMPLATE_SEND, people.get(0).mpOpenid(), 47003);
        double sent = metric("linli_push_deliveries_total{channel=\"MP_TEMPLATE\",status=\"SENT\"}");
        double dead = metric("linli_push_deliveries_total{channel=\"MP_TEMPLATE\",status=\"DEAD\"}");
        double failedCalls = metric("linli_push_attempts_total{channel=\"MP_TEMPLATE\",verdict=\"FAILED\"}");

        world.enqueue(message(community, unique("notice:"), true), ids(people));
        String waiting = unique("notice:");
        world.enqueue(message(community, waiting, false), ids(people));
        world.sql("UPDATE push_delivery SET next_attempt_at = now() + interval '1 hour' WHERE message_id ="
                + " (SELECT id FROM push_message WHERE source_ref = $1)", Tuple.of(waiting));
        world.drain();
        metrics.refresh().await().atMost(Duration.ofSeconds(10));

        assertEquals(sent + 2, metric("linli_push_deliveries_total{channel=\"MP_TEMPLATE\",status=\"SENT\"}"));
        assertEquals(dead + 1, metric("linli_push_deliveries_total{channel=\"MP_TEMPLATE\",status=\"DEAD\"}"));
        assertEquals(failedCalls + 1, metric("linli_push_attempts_total{channel=\"MP_TEMPLATE\",verdict=\"FAILED\"}"));
        assertEquals(world.count("SELECT count(*) FROM push_delivery WHERE status = 'PENDING'", Tuple.tuple()),
                (long) metric("linli_push_pending"));
        assertEquals(3L, (long) metric("linli_push_pending") - (long) metric("linli_push_due"),
                "the three held for an hour are pending but not yet due");
        assertEquals(world.count("SELECT count(*) FROM push_delivery WHERE status = 'DEAD'", Tuple.tuple()),
                (long) metric("linli_push_dead"));
    }

    /** A sample's value from the Prometheus text, 0 when it is not there yet. */
    private static double metric(String sample) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(line -> line.startsWith(sample + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(sample.length() + 1).trim()))
                .orElse(0.0);
    }
}
