package org.linli.poll;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * First ballots of units, written together: the ballots that arrive for a poll while its previous batch commits
 * go in one transaction (one lock of the poll's chain, one commit) instead of one each. A poll's chain admits one
 * writer at a time, so without this a hot poll takes as many ballots per second as one transaction's round trips
 * allow. A unit that already has a ballot (or appears twice in a batch) is answered null, for the caller to decide
 * it on its own.
 */
@ApplicationScoped
class BallotBatches {

    /** At most this many ballots per transaction. */
    static final int MAX = 500;

    private static final String INSERT = "INSERT INTO poll_ballot (poll_id, unit_key, channel, voter_id, representative,"
            + " answers, cast_at, entered_by, photo_media_id, proxy_holder) SELECT $1, u, c, v, r, a, t, e, p, x FROM"
            + " unnest($2::text[], $3::text[], $4::int8[], $5::bool[], $6::text[], $7::timestamptz[], $8::int8[],"
            + " $9::text[], $10::text[]) AS b(u, c, v, r, a, t, e, p, x)"
            + " ON CONFLICT (poll_id, unit_key) DO NOTHING RETURNING unit_key";
    private static final String CHOICES = "INSERT INTO poll_secret_choice (poll_id, receipt, answers)"
            + " SELECT $1, r, a FROM unnest($2::text[], $3::text[]) AS c(r, a)";
    private static final String TOTALS = "INSERT INTO poll_secret_total (poll_id, question, option, heads, area)"
            + " SELECT $1, t.q, t.o, count(*), sum(e.area) FROM unnest($2::text[], $3::int4[], $4::int4[]) AS t(u, q, o)"
            + " JOIN poll_elector e ON e.poll_id = $1 AND e.unit_key = t.u GROUP BY t.q, t.o"
            + " ON CONFLICT (poll_id, question, option) DO UPDATE"
            + " SET heads = poll_secret_total.heads + EXCLUDED.heads, area = poll_secret_total.area + EXCLUDED.area";

    private record Waiting(BallotBox.Box box, BallotBox.Cast cast, String answers,
                           UniEmitter<? super BallotBox.Receipt> emitter, Context context) {
        void answer(BallotBox.Receipt receipt) {
            onItsContext(() -> emitter.complete(receipt));
        }

        void fail(Throwable failure) {
            onItsContext(() -> emitter.fail(failure));
        }

        /** The request goes on where it came from, not on the connection that wrote the batch. */
        private void onItsContext(Runnable step) {
            if (context == null || context == Vertx.currentContext()) {
                step.run();
            } else {
                context.runOnContext(v -> step.run());
            }
        }
    }

    /** A counted secret ballot and the receipt code its voter gets. */
    private record Secret(String code, Waiting ballot) {
    }

    private final Map<Long, Lane> lanes = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Pool pool;

    BallotBatches(Pool pool) {
        this.pool = pool;
    }

    /** The receipt of the unit's first ballot, or null when the unit already has one. */
    Uni<BallotBox.Receipt> first(BallotBox.Box box, BallotBox.Cast cast, String answers) {
        return Uni.createFrom().emitter(emitter -> lanes.computeIfAbsent(box.pollId(), id -> new Lane())
                .add(new Waiting(box, cast, answers, emitter, Vertx.currentContext())));
    }

    /** The ballots of one poll waiting for the batch in flight to commit. */
    private final class Lane {
        private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
        private boolean writing;

        void add(Waiting waiting) {
            synchronized (this) {
                queue.add(waiting);
                if (writing) {
                    return;
                }
                writing = true;
            }
            next();
        }

        private void next() {
            List<Waiting> batch = new ArrayList<>();
            synchronized (this) {
                while (!queue.isEmpty() && batch.size() < MAX) {
                    batch.add(queue.poll());
                }
                if (batch.isEmpty()) {
                    writing = false;
                    return;
                }
            }
            pool.withTransaction(conn -> write(conn, batch)).subscribe().with(receipts -> {
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).answer(receipts.get(i));
                }
                next();
            }, failure -> {
                batch.forEach(w -> w.fail(failure));
                next();
            });
        }
    }

    private Uni<List<BallotBox.Receipt>> write(SqlConnection conn, List<Waiting> batch) {
        BallotBox.Box box = batch.get(0).box();
        List<Waiting> tried = new ArrayList<>();
        Set<String> units = new HashSet<>();
        for (Waiting w : batch) {
            if (units.add(w.cast().unitKey())) {
                tried.add(w);
            }
        }
        return BallotChain.lock(conn, box.pollId())
                .chain(chain -> conn.preparedQuery(INSERT).execute(rows(box, tried)).chain(inserted -> {
                    Set<String> counted = new HashSet<>();
                    for (Row r : inserted) {
                        counted.add(r.getString(0));
                    }
                    List<BallotBox.Receipt> receipts = new ArrayList<>();
                    List<Secret> secret = new ArrayList<>();
                    for (Waiting w : batch) {
                        if (!counted.remove(w.cast().unitKey())) {
                            receipts.add(null);
                            continue;
                        }
                        String code = box.secret() ? BallotBox.receipt(RANDOM) : null;
                        if (code != null) {
                            secret.add(new Secret(code, w));
                        }
                        BallotChain.Event e = chain.append("CAST", BallotBox.content(box, w.cast(), w.answers()));
                        receipts.add(new BallotBox.Receipt(box.pollId(), w.cast().unitKey(), "COUNTED", true, code,
                                e.seq(), e.hash(), w.cast().castAt()));
                    }
                    return secretChoices(conn, box.pollId(), secret)
                            .chain(() -> chain.write(conn))
                            .replaceWith(receipts);
                }));
    }

    private static Tuple rows(BallotBox.Box box, List<Waiting> tried) {
        int n = tried.size();
        String[] unit = new String[n];
        String[] channel = new String[n];
        Long[] voter = new Long[n];
        Boolean[] representative = new Boolean[n];
        String[] answers = new String[n];
        OffsetDateTime[] castAt = new OffsetDateTime[n];
        Long[] enteredBy = new Long[n];
        String[] photo = new String[n];
        String[] proxy = new String[n];
        for (int i = 0; i < n; i++) {
            BallotBox.Cast c = tried.get(i).cast();
            unit[i] = c.unitKey();
            channel[i] = c.channel().name();
            voter[i] = c.voterId();
            representative[i] = c.representative();
            answers[i] = box.secret() ? null : tried.get(i).answers();
            castAt[i] = BallotBox.utc(c.castAt());
            enteredBy[i] = c.enteredBy();
            photo[i] = c.photoMediaId();
            proxy[i] = c.proxyHolder();
        }
        return Tuple.from(new Object[]{box.pollId(), unit, channel, voter, representative, answers, castAt, enteredBy,
                photo, proxy});
    }

    /**
     * A secret poll's choices under their receipt codes, in shuffled order so that not even the order of the rows
     * follows the order of the ballots, and its running totals.
     */
    private static Uni<Void> secretChoices(SqlConnection conn, long pollId, List<Secret> secret) {
        if (secret.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Secret> shuffled = new ArrayList<>(secret);
        Collections.shuffle(shuffled, RANDOM);
        String[] receipts = shuffled.stream().map(Secret::code).toArray(String[]::new);
        String[] answers = shuffled.stream().map(x -> x.ballot().answers()).toArray(String[]::new);
        List<String> units = new ArrayList<>();
        List<Integer> questions = new ArrayList<>();
        List<Integer> options = new ArrayList<>();
        for (Secret x : secret) {
            BallotBox.Cast cast = x.ballot().cast();
            List<List<Integer>> a = cast.answers();
            for (int q = 0; q < a.size(); q++) {
                for (int o : a.get(q)) {
                    units.add(cast.unitKey());
                    questions.add(q);
                    options.add(o);
                }
            }
        }
        Uni<Void> totals = units.isEmpty() ? Uni.createFrom().voidItem()
                : conn.preparedQuery(TOTALS).execute(Tuple.of(pollId, units.toArray(String[]::new),
                        questions.toArray(Integer[]::new), options.toArray(Integer[]::new))).replaceWithVoid();
        return conn.preparedQuery(CHOICES).execute(Tuple.of(pollId, receipts, answers)).replaceWithVoid()
                .chain(() -> totals);
    }
}
