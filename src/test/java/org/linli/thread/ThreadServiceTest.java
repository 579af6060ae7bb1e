package org.linli.thread;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.bot.BotWorld;
import org.linli.common.Problem;
import org.linli.support.LinliInfra;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.bot.BotWorld.await;

@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class ThreadServiceTest {

    @Inject
    ThreadService threads;
    @Inject
    BotWorld world;
    @Inject
    Pool pool;

    private BotWorld.Home home;
    private long residentId;

    @BeforeEach
    void resident() {
        home = world.home();
        residentId = world.resident(BotWorld.newOpenid(), home, "VERIFIED");
    }

    private NewDraft draft(String description, String key) {
        return new NewDraft(home.communityId(), residentId, home.householdId(), description, "3号楼", 31.2, 121.4,
                "media-1", "https://mmbiz.qpic.cn/x.jpg", ThreadSource.CHAT, key);
    }

    private ThreadSummary create(NewDraft draft) {
        return await(() -> threads.submitFromChat(draft)).thread();
    }

    private List<Row> rows(String sql, Object... args) {
        return await(() -> pool.preparedQuery(sql).execute(Tuple.from(args)).map(rs -> {
            List<Row> list = new ArrayList<>();
            rs.forEach(list::add);
            return list;
        }));
    }

    @Test
    void aChatThreadIsSubmittedWithADailyReferenceNumberAndASubmittedEvent() {
        ThreadSummary t = create(draft("  车棚顶被风吹坏了  ", null));
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.BASIC_ISO_DATE);
        assertTrue(t.refNo().matches("SS-" + today + "-\\d{4,}"), t.refNo());
        assertEquals(ThreadStatus.SUBMITTED, t.status());
        assertEquals("车棚顶被风吹坏了", t.description());

        Row row = rows("SELECT * FROM consultation_thread WHERE id = $1", t.id()).get(0);
        assertEquals("SUBMITTED", row.getString("status"));
        assertEquals("CHAT", row.getString("source"));
        assertEquals(home.householdId(), row.getLong("household_id"));
        assertEquals(31.2, row.getDouble("latitude"));
        assertEquals("media-1", rows("SELECT media_id FROM thread_photo WHERE thread_id = $1", t.id()).get(0)
                .getString("media_id"));

        List<Row> events = rows("SELECT * FROM thread_event WHERE thread_id = $1", t.id());
        assertEquals(1, events.size());
        assertEquals("SUBMITTED", events.get(0).getString("kind"));
        assertEquals("RESIDENT", events.get(0).getString("actor_kind"));
        assertEquals(residentId, events.get(0).getLong("actor_id"));
    }

    @Test
    void referenceNumbersFollowEachOtherWithinADay() {
        String first = create(draft("第一件事情", null)).refNo();
        String second = create(draft("第二件事情", null)).refNo();
        int a = Integer.parseInt(first.substring(first.lastIndexOf('-') + 1));
        int b = Integer.parseInt(second.substring(second.lastIndexOf('-') + 1));
        assertEquals(a + 1, b);
        assertEquals("SS-20261129-0042", RefNumbers.format(LocalDate.of(2026, 11, 29), 42));
        assertEquals("SS-20261129-12345", RefNumbers.format(LocalDate.of(2026, 11, 29), 12345));
    }

    @Test
    void theSameSubmissionKeyStoresOneThreadEvenInParallel() throws Exception {
        String key = "run-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ThreadSummary>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return create(draft("同一件事情重复提交", key));
                }));
            }
            go.countDown();
            Set<String> refs = new HashSet<>();
            for (Future<ThreadSummary> f : futures) {
                refs.add(f.get(30, TimeUnit.SECONDS).refNo());
            }
            assertEquals(1, refs.size(), refs.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, rows("SELECT id FROM consultation_thread WHERE submission_key = $1", key).size());
    }

    @Test
    void invalidDraftsAreRefused() {
        assertThrows(ConstraintViolationException.class, () -> create(draft("   ", null)));
        assertThrows(ConstraintViolationException.class, () -> create(draft("长".repeat(1001), null)));
        NewDraft halfAPlace = new NewDraft(home.communityId(), residentId, null, "有经度没纬度", null, 31.2, null,
                null, null, ThreadSource.MINI, null);
        assertThrows(Problem.class, () -> create(halfAPlace));
    }

    @Test
    void recentThreadsComeNewestFirstAndCanBeFoundByReference() {
        create(draft("较早的一件事", null));
        ThreadSummary newest = create(draft("最新的一件事", null));
        List<ThreadSummary> recent = await(() -> threads.recentOf(residentId, 1));
        assertEquals(1, recent.size());
        assertEquals(newest.refNo(), recent.get(0).refNo());
        assertEquals("最新的一件事", await(() -> threads.findByRef(newest.refNo())).description());
    }
}
