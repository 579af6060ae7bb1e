package org.linli.push;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.common.infra.RequiredServers;
import org.linli.common.infra.embedded.EmbeddedServices;
import org.linli.support.ProdJar;
import org.linli.wechat.fake.FakeWechatServer;
import org.linli.wechat.fake.WechatPaths;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged application, killed with SIGKILL in the middle of a fan-out and started again: every resident gets
 * the message once. PostgreSQL, Redis and the fake WeChat API live in this test's JVM, so they outlive the app and
 * the fake counts what reached each resident across both runs.
 */
class PushCrashIT {

    private static final int RESIDENTS = 2_000;
    private static final String REF = "notice:crash:v1";

    private final List<Process> apps = new ArrayList<>();
    private Map<String, String> servers;
    private Vertx vertx;
    private FakeWechatServer wechat;

    @BeforeEach
    void startServers() {
        servers = new EmbeddedServices(RequiredServers.Mode.ALWAYS, null, null).prepare();
        vertx = Vertx.vertx();
        wechat = new FakeWechatServer(vertx).registerApp(ProdJar.MP_APP_ID, ProdJar.MP_SECRET)
                .registerApp(ProdJar.MINI_APP_ID, ProdJar.MINI_SECRET);
        wechat.start(0);
        // 10 sends in flight at 50 ms each: about 200 a second, so the kill lands mid-way.
        wechat.latency(WechatPaths.TEMPLATE_SEND, Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        apps.forEach(Process::destroyForcibly);
        if (wechat != null) {
            wechat.stop();
            vertx.close();
        }
    }

    @Test
    void killedMidFanOutAndRestartedEveryResidentGetsTheMessageOnce() throws Exception {
        start("first");
        seedFanOut();
        long sentBeforeKill = waitFor(sent -> sent >= 400, Duration.ofSeconds(60));

        apps.get(0).destroyForcibly().waitFor(20, TimeUnit.SECONDS); // kill -9: leases held, answers in flight lost
        long sentAtKill = count("SELECT count(*) FROM push_delivery WHERE status = 'SENT'");
        assertTrue(sentBeforeKill >= 400 && sentAtKill < RESIDENTS, "killed mid-way at " + sentAtKill);

        start("second");
        waitFor(sent -> sent == RESIDENTS, Duration.ofSeconds(120));

        Map<String, Long> perOpenid = wechat.deliveries(WechatPaths.TEMPLATE_SEND).stream()
                .collect(Collectors.groupingBy(FakeWechatServer.Delivery::openid, Collectors.counting()));
        assertEquals(RESIDENTS, perOpenid.size(), "every resident reached");
        assertEquals(List.of(), perOpenid.entrySet().stream().filter(e -> e.getValue() > 1).toList(),
                "nobody reached twice");
        assertEquals(RESIDENTS, count("SELECT count(*) FROM push_delivery WHERE status = 'SENT'"));
        long accepted = wechat.calls(WechatPaths.TEMPLATE_SEND).stream().filter(c -> c.errcode() == 0).count();
        assertTrue(accepted - RESIDENTS <= 60, "only sends the dead worker had in flight or unrecorded are repeated"
                + " (WeChat drops them by client_msg_id): " + (accepted - RESIDENTS) + " repeats");
    }

    private void start(String name) throws IOException, InterruptedException {
        Path log = Path.of("target", "push-crash-" + name + ".log");
        List<String> command = ProdJar.command(servers, "-Dlinli.wechat.api-base-url=" + wechat.baseUrl(),
                "-Dlinli.push.poll-interval=0.2s", "-Dlinli.push.max-in-flight=10", "-Dlinli.push.claim-batch=50",
                "-Dlinli.push.lease=PT5S", "-Dlinli.push.lease-margin=PT1S");
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        apps.add(0, app);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && app.isAlive()) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains("started in")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the app did not start: " + Files.readString(log, StandardCharsets.UTF_8));
    }

    /** What a notice publication writes: one message and a delivery per resident, all OA followers. */
    private void seedFanOut() throws SQLException {
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO community (code, name) VALUES ('CRASH', '崩溃演练社区')");
            sql.execute("INSERT INTO resident (community_id, display_name, mp_openid)"
                    + " SELECT c.id, 'r' || g, 'crash-mp-' || g FROM community c, generate_series(1, " + RESIDENTS
                    + ") g WHERE c.code = 'CRASH'");
            sql.execute("INSERT INTO push_message (community_id, source_ref, kind, urgent, title, summary, page,"
                    + " created_at) SELECT id, '" + REF + "', 'NOTICE', true, '停水通知', '周六停水', 'pages/notice/detail?id=1',"
                    + " now() FROM community WHERE code = 'CRASH'");
            sql.execute("INSERT INTO push_delivery (message_id, community_id, resident_id, next_attempt_at)"
                    + " SELECT m.id, m.community_id, r.id, now() FROM push_message m JOIN resident r"
                    + " ON r.community_id = m.community_id WHERE m.source_ref = '" + REF + "'");
        }
    }

    private long waitFor(Function<Long, Boolean> sentIs, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        long sent = 0;
        while (System.nanoTime() < deadline) {
            sent = count("SELECT count(*) FROM push_delivery WHERE status = 'SENT'");
            if (sentIs.apply(sent)) {
                return sent;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("gave up waiting at " + sent + " SENT");
    }

    private long count(String query) throws SQLException {
        try (Connection db = connect(); Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(servers.get("quarkus.datasource.jdbc.url"),
                servers.get("quarkus.datasource.username"), servers.get("quarkus.datasource.password"));
    }
}
