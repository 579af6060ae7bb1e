package org.linli.poll;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.NativeSql;
import org.linli.common.Problem;
import org.linli.identity.Caller;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The staff side of polls for callers outside this feature (the console): the same services and reach checks as
 * the REST API, with answers in public types.
 */
@ApplicationScoped
public class PollDesk {

    /** Photos of signed forms: JPEG or PNG, at most this size. */
    public static final int PHOTO_MAX_BYTES = 5 * 1024 * 1024;

    public record Turnout(String building, long households, long voted) {
    }

    public record Waiting(String unitKey, String address, String headKind) {
    }

    /** A unit that has voted, and how its counted ballot came in. */
    public record Voted(String unitKey, String address, String channel) {
    }

    /**
     * One poll for its staff page: the units not yet voted (for door-to-door) and those voted (a signed paper form
     * may still come in for one: the poll's conflict rule decides which counts); result null while hidden.
     */
    public record Desk(PollView poll, boolean manage, List<Turnout> turnout, List<Waiting> notVoted,
                       List<Voted> voted, PollResult result) {
    }

    public record Entered(String status, boolean counted, String unitKey) {
    }

    /** One unit of the electorate frozen at opening. */
    public record Elector(String unitKey, String headKind, String label, java.math.BigDecimal area,
                          String areaSources, int voters, boolean voted, String lateReason) {
    }

    /** A set-aside ballot: the unit voted on two channels; the rule decided which counts. */
    public record SetAside(String label, String counted, String setAside, java.time.OffsetDateTime castAt,
                           String rule) {
    }

    private final PollService polls;
    private final PollRecords records;
    private final LiveResults live;
    private final Voting voting;
    private final PollClock clock;
    private final PollStore store;
    private final Electorates electorates;

    PollDesk(PollService polls, PollRecords records, LiveResults live, Voting voting, PollClock clock,
             PollStore store, Electorates electorates) {
        this.store = store;
        this.electorates = electorates;
        this.polls = polls;
        this.records = records;
        this.live = live;
        this.voting = voting;
        this.clock = clock;
    }

    public Uni<List<PollView>> list(long communityId, Caller caller) {
        return polls.list(communityId, PollReach.of(caller, communityId));
    }

    public Uni<PollView> create(long communityId, Caller caller, PollDraft draft) {
        return polls.create(communityId, PollReach.of(caller, communityId), draft);
    }

    public Uni<PollView> announce(long communityId, long pollId, Caller caller) {
        return polls.announce(communityId, pollId, PollReach.of(caller, communityId));
    }

    public Uni<PollView> open(long communityId, long pollId, Caller caller) {
        return polls.openNow(communityId, pollId, PollReach.of(caller, communityId));
    }

    public Uni<PollView> close(long communityId, long pollId, Caller caller, String reason) {
        return polls.closeNow(communityId, pollId, PollReach.of(caller, communityId), reason);
    }

    public Uni<PollView> outcome(long communityId, long pollId, Caller caller, String statement) {
        return polls.outcome(communityId, pollId, PollReach.of(caller, communityId), statement);
    }

    public Uni<PollView> publish(long communityId, long pollId, Caller caller) {
        return polls.publish(communityId, pollId, PollReach.of(caller, communityId));
    }

    /** The poll with turnout by building, the units not yet voted (for door-to-door) and the result if shown. */
    public Uni<Desk> desk(long communityId, long pollId, Caller caller) {
        PollReach reach = PollReach.of(caller, communityId);
        return Panache.withSession(() -> polls.visible(communityId, pollId, reach)
                .chain(p -> store.targets(p).chain(targets -> records.turnout(pollId)
                        .chain(turnout -> records.notVoted(pollId, null)
                                .chain(waiting -> records.voted(pollId)
                                .chain(voted -> (Results.visible(p, false) ? live.of(p)
                                        : Uni.createFrom().<PollResult>nullItem())
                                        .chain(result -> polls.view(communityId, pollId).map(view -> new Desk(view,
                                                reach.mayManage(targets), turnout.stream().map(t -> new Turnout(
                                                        t.building(), t.households(), t.voted())).toList(),
                                                waiting.stream().map(w -> new Waiting(w.unitKey(), w.address(),
                                                        w.headKind())).toList(),
                                                voted.stream().map(v -> new Voted(v.unitKey(), v.address(),
                                                        v.channel())).toList(), result)))))))));
    }

    public Uni<List<Elector>> electorate(long communityId, long pollId, Caller caller) {
        return Panache.withSession(() -> polls.visible(communityId, pollId, PollReach.of(caller, communityId))
                .chain(p -> electorates.list(pollId))).map(list -> list.stream().map(e -> new Elector(e.unitKey(),
                e.headKind(), e.label(), e.area(), e.areaSources(), e.voters(), e.voted(), e.lateReason())).toList());
    }

    public Uni<List<SetAside>> conflicts(long communityId, long pollId, Caller caller) {
        return Panache.withSession(() -> polls.visible(communityId, pollId, PollReach.of(caller, communityId))
                .chain(p -> records.conflicts(pollId))).map(list -> list.stream().map(c -> new SetAside(c.label(),
                c.countedChannel(), c.setAsideChannel(), c.setAsideCastAt(), c.rule())).toList());
    }

    /** Keeps the photo of a signed form and answers the reference a paper ballot carries ({@code upload:<id>}). */
    public Uni<String> keepPhoto(long communityId, long pollId, Caller caller, byte[] bytes) {
        String type = imageType(bytes);
        if (type == null || bytes.length > PHOTO_MAX_BYTES) {
            return Uni.createFrom().failure(Problem.badRequest("POLL_PAPER_PHOTO_INVALID"));
        }
        PollReach reach = PollReach.of(caller, communityId);
        return Panache.withTransaction(() -> polls.visible(communityId, pollId, reach)
                .chain(p -> NativeSql.of("insert into poll_paper_photo (poll_id, content_type, bytes, sha256,"
                                + " uploaded_by, uploaded_at) values (:poll, :type, :bytes, :sha, :staff, :now)"
                                + " returning id")
                        .param("poll", pollId).param("type", type).param("bytes", bytes).param("sha", sha256(bytes))
                        .param("staff", reach.staffId()).param("now", clock.now()).number()))
                .map(id -> "upload:" + id);
    }

    public Uni<Entered> enterPaper(long communityId, long pollId, Caller caller, Voting.PaperBallot ballot) {
        PollReach reach = PollReach.of(caller, communityId);
        return Panache.withSession(() -> polls.visible(communityId, pollId, reach))
                .chain(p -> voting.enter(pollId, reach.staffId(), ballot))
                .map(r -> new Entered(r.status(), r.counted(), r.unitKey()));
    }

    private static String imageType(byte[] b) {
        if (b == null || b.length < 8) {
            return null;
        }
        if ((b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if ((b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        return null;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
