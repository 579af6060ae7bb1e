package org.linli.poll;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.linli.common.Problem;

import java.util.ArrayList;
import java.util.List;

/**
 * A poll's hash chain, locked for one transaction: every transaction that writes a ballot locks it first (so all
 * writers of a poll's ballots take their locks in one order), appends its events here and writes them at the end.
 * An event's content is "seq=N|" + the ballot's canonical content, its hash sha256(prev hash + "\n" + content).
 */
final class BallotChain {

    record Event(long seq, String hash) {
    }

    private static final String LOCK = "SELECT seq, head FROM poll_chain WHERE poll_id = $1 AND accepting FOR UPDATE";
    private static final String EVENTS = "INSERT INTO poll_ballot_event (poll_id, seq, kind, content, prev_hash, hash)"
            + " SELECT $1, s, k, c, p, h FROM unnest($2::int8[], $3::text[], $4::text[], $5::text[], $6::text[])"
            + " AS t(s, k, c, p, h)";
    private static final String HEAD = "UPDATE poll_chain SET seq = $2, prev = $3, head = $4 WHERE poll_id = $1";

    private final long pollId;
    private final long startSeq;
    private long seq;
    private String head;
    private final List<String> kinds = new ArrayList<>();
    private final List<String> contents = new ArrayList<>();
    private final List<String> prevs = new ArrayList<>();
    private final List<String> hashes = new ArrayList<>();

    private BallotChain(long pollId, long seq, String head) {
        this.pollId = pollId;
        this.startSeq = seq;
        this.seq = seq;
        this.head = head;
    }

    /** Locks the chain of a poll that takes ballots; 409 POLL_NOT_OPEN once it was closed. */
    static Uni<BallotChain> lock(SqlConnection conn, long pollId) {
        return conn.preparedQuery(LOCK).execute(Tuple.of(pollId)).map(rows -> {
            if (rows.size() == 0) {
                throw Problem.conflict("POLL_NOT_OPEN");
            }
            Row r = rows.iterator().next();
            return new BallotChain(pollId, r.getLong(0), r.getString(1));
        });
    }

    Event append(String kind, String content) {
        seq++;
        String text = "seq=" + seq + "|" + content;
        prevs.add(head);
        head = BallotBox.sha256(head + "\n" + text);
        kinds.add(kind);
        contents.add(text);
        hashes.add(head);
        return new Event(seq, head);
    }

    /** Writes the appended events and the new head; nothing when none was appended. */
    Uni<Void> write(SqlConnection conn) {
        if (kinds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Long[] seqs = new Long[kinds.size()];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = startSeq + 1 + i;
        }
        return conn.preparedQuery(EVENTS).execute(Tuple.of(pollId, seqs, kinds.toArray(String[]::new),
                        contents.toArray(String[]::new), prevs.toArray(String[]::new), hashes.toArray(String[]::new)))
                .chain(() -> conn.preparedQuery(HEAD).execute(Tuple.of(pollId, seq, prevs.get(prevs.size() - 1), head)))
                .replaceWithVoid();
    }
}
