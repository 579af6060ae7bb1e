package org.linli.poll;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Casts ballots on the reactive Pool. One ballot per electorate unit is the primary key of poll_ballot, claimed
 * with INSERT … ON CONFLICT DO NOTHING (in batches, {@link BallotBatches}); a second ballot for the unit then locks
 * the counted row and is decided there (change, 户代表 override, cross-channel conflict, or refusal). Every
 * transaction that writes ballots locks the poll's chain ({@link BallotChain}) first and appends its events to it.
 */
@ApplicationScoped
class BallotBox {

    /** One ballot to record. voterId is null for paper ballots, enteredBy null for online ones. */
    record Cast(long pollId, String unitKey, Channel channel, Long voterId, boolean representative,
                List<List<Integer>> answers, OffsetDateTime castAt, Long enteredBy, String photoMediaId,
                String proxyHolder) {
    }

    /** What happened: COUNTED, CHANGED, UNCHANGED (an identical repeat), or SET_ASIDE (a conflict, not counted). */
    public record Receipt(long pollId, String unitKey, String status, boolean counted, String receipt, Long seq,
                          String hash, OffsetDateTime castAt) {
    }

    /** The poll as a ballot needs it. */
    record Box(long pollId, long communityId, PollStatus status, List<Question> questions, boolean secret,
               boolean allowChange, ConflictRule rule, OffsetDateTime openAt, OffsetDateTime closeAt, String salt) {
    }

    private static final String LOCK = "SELECT channel, voter_id, representative, answers, cast_at, entered_by"
            + " FROM poll_ballot WHERE poll_id = $1 AND unit_key = $2 FOR UPDATE";
    private static final String REPLACE = "UPDATE poll_ballot SET channel = $3, voter_id = $4, representative = $5,"
            + " answers = $6, cast_at = $7, entered_by = $8, photo_media_id = $9, proxy_holder = $10,"
            + " revision = revision + 1 WHERE poll_id = $1 AND unit_key = $2";
    private static final String CONFLICT = "INSERT INTO poll_conflict (poll_id, unit_key, counted_channel,"
            + " set_aside_channel, set_aside_cast_at, set_aside_by, set_aside_answers, rule, at)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    private static final String BOX = "SELECT id, community_id, status, questions, secret, allow_change, conflict_rule,"
            + " open_at, close_at, salt FROM poll WHERE id = $1";

    private static final char[] RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private final Pool pool;
    private final PollJson json;
    private final PollClock clock;
    private final BallotBatches batches;

    BallotBox(Pool pool, PollJson json, PollClock clock, BallotBatches batches) {
        this.pool = pool;
        this.json = json;
        this.clock = clock;
        this.batches = batches;
    }

    Uni<Box> box(long pollId) {
        return pool.preparedQuery(BOX).execute(Tuple.of(pollId)).map(rows -> {
            if (rows.size() == 0) {
                throw Problem.notFound("POLL_NOT_FOUND");
            }
            Row r = rows.iterator().next();
            return new Box(r.getLong(0), r.getLong(1), PollStatus.valueOf(r.getString(2)),
                    json.questions(r.getString(3)), r.getBoolean(4), r.getBoolean(5),
                    ConflictRule.valueOf(r.getString(6)), local(r.getOffsetDateTime(7)),
                    local(r.getOffsetDateTime(8)), r.getString(9));
        });
    }

    /** Checks the answers against the questions and that the poll takes ballots now; answers them normalised. */
    static List<List<Integer>> check(Box box, List<List<Integer>> answers, OffsetDateTime now) {
        if (box.status() != PollStatus.OPEN || now.isBefore(box.openAt()) || !now.isBefore(box.closeAt())) {
            throw Problem.conflict("POLL_NOT_OPEN");
        }
        if (answers == null || answers.size() != box.questions().size()) {
            throw Problem.badRequest("POLL_ANSWER_COUNT", box.questions().size());
        }
        List<List<Integer>> clean = new ArrayList<>();
        for (int q = 0; q < answers.size(); q++) {
            clean.add(box.questions().get(q).check(q, answers.get(q)));
        }
        return clean;
    }

    /**
     * A unit's first ballot goes with the others arriving now ({@link BallotBatches}); a further one is decided
     * against the counted ballot in a transaction of its own, with the chain locked first as every writer does.
     */
    Uni<Receipt> cast(Box box, Cast cast) {
        String answers = PollJson.answers(cast.answers());
        return batches.first(box, cast, answers).onItem().ifNull().switchTo(() -> pool.withTransaction(conn ->
                BallotChain.lock(conn, box.pollId()).chain(chain -> again(conn, chain, box, cast, answers)
                        .call(() -> chain.write(conn)))));
    }

    private Uni<Receipt> again(SqlConnection conn, BallotChain chain, Box box, Cast cast, String answers) {
        return conn.preparedQuery(LOCK).execute(Tuple.of(box.pollId(), cast.unitKey())).chain(rows -> {
            Row r = rows.iterator().next();
            Channel counted = Channel.valueOf(r.getString(0));
            Long voter = r.getLong(1);
            boolean representative = r.getBoolean(2);
            String countedAnswers = r.getString(3);
            OffsetDateTime countedAt = local(r.getOffsetDateTime(4));
            Long countedBy = r.getLong(5);
            if (counted.paper() == cast.channel().paper()) {
                return sameSide(conn, chain, box, cast, answers, counted, voter, representative, countedAnswers);
            }
            boolean newWins = !box.secret() && switch (box.rule()) {
                case EARLIER -> cast.castAt().isBefore(countedAt);
                case PAPER -> cast.channel().paper();
                case ONLINE -> !cast.channel().paper();
            };
            if (newWins) {
                return conn.preparedQuery(REPLACE).execute(row(cast, answers))
                        .chain(() -> conn.preparedQuery(CONFLICT).execute(Tuple.from(java.util.Arrays.asList(
                                box.pollId(), cast.unitKey(), cast.channel().name(), counted.name(), utc(countedAt),
                                countedBy != null ? countedBy : voter, countedAnswers, box.rule().name(),
                                utc(clock.now())))))
                        .map(x -> chain.append("DISPLACED", content(box, cast, answers)))
                        .map(e -> new Receipt(box.pollId(), cast.unitKey(), "COUNTED", true, null, e.seq(), e.hash(),
                                cast.castAt()));
            }
            Long by = cast.enteredBy() != null ? cast.enteredBy() : cast.voterId();
            return conn.preparedQuery(CONFLICT).execute(Tuple.from(java.util.Arrays.asList(
                            box.pollId(), cast.unitKey(), counted.name(), cast.channel().name(), utc(cast.castAt()),
                            by, box.secret() ? null : answers, box.rule().name(), utc(clock.now()))))
                    .map(x -> chain.append("CONFLICT", content(box, cast, answers)))
                    .map(e -> new Receipt(box.pollId(), cast.unitKey(), "SET_ASIDE", false, null, e.seq(), e.hash(),
                            cast.castAt()));
        });
    }

    private Uni<Receipt> sameSide(SqlConnection conn, BallotChain chain, Box box, Cast cast, String answers, Channel counted, Long voter,
                                  boolean representative, String countedAnswers) {
        boolean sameVoter = cast.voterId() != null && cast.voterId().equals(voter);
        if (sameVoter && !box.secret() && answers.equals(countedAnswers)) {
            return Uni.createFrom().item(new Receipt(box.pollId(), cast.unitKey(), "UNCHANGED", true, null, null, null,
                    cast.castAt()));
        }
        boolean change = sameVoter && box.allowChange();
        boolean override = !sameVoter && cast.representative() && !representative && !box.secret()
                && !counted.paper();
        if (box.secret() || (!change && !override)) {
            String code = sameVoter ? "POLL_ALREADY_VOTED"
                    : cast.enteredBy() != null && counted.paper() ? "POLL_PAPER_ALREADY_ENTERED"
                    : "POLL_UNIT_ALREADY_VOTED";
            return Uni.createFrom().failure(Problem.conflict(code));
        }
        return conn.preparedQuery(REPLACE).execute(row(cast, answers))
                .map(x -> chain.append("CHANGE", content(box, cast, answers)))
                .map(e -> new Receipt(box.pollId(), cast.unitKey(), "CHANGED", true, null, e.seq(), e.hash(),
                        cast.castAt()));
    }

    /**
     * The canonical content of an event (the chain hashes "seq=N|" + this). Units appear under their pseudonym;
     * a secret ballot's event carries no choice.
     */
    static String content(Box box, Cast cast, String answers) {
        return "poll=" + box.pollId() + "|unit=" + pseudonym(box.salt(), cast.unitKey()) + "|channel="
                + cast.channel().name() + "|answers=" + (box.secret() ? "secret" : answers.replace('|', '/'))
                + "|at=" + cast.castAt().toInstant().truncatedTo(ChronoUnit.SECONDS);
    }

    static String pseudonym(String salt, String unitKey) {
        return sha256(salt + ":" + unitKey).substring(0, 16);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String receipt(SecureRandom random) {
        char[] code = new char[12];
        for (int i = 0; i < code.length; i++) {
            code[i] = RECEIPT_ALPHABET[random.nextInt(RECEIPT_ALPHABET.length)];
        }
        return new String(code);
    }

    private static Tuple row(Cast c, String answers) {
        return Tuple.from(java.util.Arrays.asList(c.pollId(), c.unitKey(), c.channel().name(), c.voterId(),
                c.representative(), answers, utc(c.castAt()), c.enteredBy(), c.photoMediaId(), c.proxyHolder()));
    }

    static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    static OffsetDateTime local(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(PollClock.ZONE).toOffsetDateTime();
    }
}
