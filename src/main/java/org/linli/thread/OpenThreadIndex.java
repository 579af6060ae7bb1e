package org.linli.thread;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.linli.common.NativeSql;
import org.linli.common.Workers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Each community's open threads with their terms, kept per replica so that a submit compares its text without
 * reading thousands of rows. Rebuilt from PostgreSQL when older than {@code linli.thread.duplicates.refresh} (one
 * request rebuilds, the others keep using the previous one meanwhile); threads raised on this replica join at once.
 * A thread raised on another replica is compared after at most that bound, and one closed or hidden since is dropped
 * when the offered threads are read again ({@link Duplicates}).
 */
@Singleton
class OpenThreadIndex {

    /** An open thread as compared; {@code offered}: public and visible, so residents may be offered it. */
    record Doc(long id, Long gridId, Long buildingId, long residentId, boolean offered, Similarity.Terms terms) {
    }

    /** The most similar documents first, among equals the newest. */
    record Match(Doc doc, double cosine) {
    }

    private record Snapshot(Similarity.Corpus corpus, List<Doc> docs, Set<Long> ids, long seq, Instant builtAt) {
    }

    private record Recent(Doc doc, long seq) {
    }

    private static final class Entry {
        volatile Snapshot snapshot;
        final AtomicBoolean building = new AtomicBoolean();
        final ConcurrentLinkedDeque<Recent> recent = new ConcurrentLinkedDeque<>();
        volatile Instant usedAt;
    }

    static final int MAX_RECENT = 1_000;
    private static final Duration UNUSED = Duration.ofMinutes(10);

    private final Map<Long, Entry> communities = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final ThreadConfig.Duplicates config;
    private final Workers workers;
    private final Clock clock;

    OpenThreadIndex(ThreadConfig config, Workers workers, Clock clock) {
        this.config = config.duplicates();
        this.workers = workers;
        this.clock = clock;
    }

    /**
     * Open threads that pass {@code among} with a cosine of at least {@code min}, the most similar first, ranked on
     * a worker thread; the snapshot is read in the caller's session.
     */
    Uni<List<Match>> rank(long communityId, List<String> terms, Predicate<Doc> among, double min) {
        Entry e = communities.computeIfAbsent(communityId, c -> new Entry());
        e.usedAt = clock.instant();
        return current(communityId, e).chain(s -> workers.call(() -> rank(s, e, terms, among, min)));
    }

    /** A thread raised or submitted on this replica: compared from now on. */
    void opened(long communityId, Doc doc) {
        Entry e = communities.get(communityId);
        if (e == null) {
            return; // read with the others when the community is first compared
        }
        e.recent.addLast(new Recent(doc, seq.incrementAndGet()));
        while (e.recent.size() > MAX_RECENT) {
            e.recent.pollFirst();
        }
    }

    private Uni<Snapshot> current(long communityId, Entry e) {
        Snapshot s = e.snapshot;
        boolean fresh = s != null && clock.instant().isBefore(s.builtAt().plus(config.refresh()));
        if (fresh) {
            return Uni.createFrom().item(s);
        }
        boolean mine = e.building.compareAndSet(false, true);
        if (s != null && !mine) {
            return Uni.createFrom().item(s);
        }
        return build(communityId).invoke(built -> {
            e.snapshot = built;
            e.recent.removeIf(r -> r.seq() < built.seq() || built.ids().contains(r.doc().id()));
            forgetUnused();
        }).eventually(() -> {
            if (mine) {
                e.building.set(false);
            }
        });
    }

    private Uni<Snapshot> build(long communityId) {
        long from = seq.get();
        Instant at = clock.instant();
        return NativeSql.of("select id, grid_id, building_id, resident_id, visibility = 'PUBLIC' and moderation = 'VISIBLE',"
                        + " terms from consultation_thread where community_id = :c"
                        + " and status in " + ThreadStatus.OPEN_SQL
                        + " order by created_at desc, id desc limit :window")
                .param("c", communityId).param("window", config.window()).rows()
                .chain(rows -> workers.call(() -> {
                    List<Doc> docs = new ArrayList<>(rows.size());
                    Set<Long> ids = new HashSet<>();
                    for (Object[] r : rows) {
                        long id = NativeSql.id(r[0]);
                        docs.add(new Doc(id, r[1] == null ? null : NativeSql.id(r[1]),
                                r[2] == null ? null : NativeSql.id(r[2]), NativeSql.id(r[3]), (Boolean) r[4],
                                Similarity.Terms.of(Similarity.split((String) r[5]))));
                        ids.add(id);
                    }
                    return new Snapshot(new Similarity.Corpus(docs.stream().map(Doc::terms).toList()), docs, ids,
                            from, at);
                }));
    }

    private static List<Match> rank(Snapshot s, Entry e, List<String> terms, Predicate<Doc> among, double min) {
        Similarity.Query q = s.corpus().query(terms);
        List<Match> matches = new ArrayList<>();
        // Newest first, as the snapshot's rows: the recent ones (newest last in the deque), then the snapshot's.
        var recent = e.recent.descendingIterator();
        while (recent.hasNext()) {
            Doc d = recent.next().doc();
            if (!s.ids().contains(d.id())) {
                double cosine = q.cosine(d.terms());
                if (cosine >= min && among.test(d)) {
                    matches.add(new Match(d, cosine));
                }
            }
        }
        double[] cosines = s.corpus().cosines(q);
        for (int i = 0; i < cosines.length; i++) {
            Doc d = s.docs().get(i);
            if (cosines[i] >= min && among.test(d)) {
                matches.add(new Match(d, cosines[i]));
            }
        }
        matches.sort((a, b) -> Double.compare(b.cosine(), a.cosine()));
        return matches;
    }

    private void forgetUnused() {
        Instant before = clock.instant().minus(UNUSED);
        communities.values().removeIf(e -> e.usedAt != null && e.usedAt.isBefore(before));
    }
}
