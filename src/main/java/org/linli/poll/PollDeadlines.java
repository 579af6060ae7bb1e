package org.linli.poll;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.NativeSql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * What the reminders feature may know of polls: which ones are heading for their close, and who has not voted yet
 * (per unit: a household poll counts a household as voted once anyone in it voted). Runs in the caller's session.
 */
@ApplicationScoped
public class PollDeadlines {

    /** A poll that is announced or open, with its close time. */
    public record Closing(long pollId, long communityId, String title, boolean open, OffsetDateTime openAt,
                          OffsetDateTime closeAt) {
    }

    private static final String COLUMNS = "select id, community_id, title, status, open_at, close_at from poll";

    /** Announced and open polls closing after {@code after}, oldest close first. */
    public Uni<List<Closing>> closingAfter(Instant after) {
        return NativeSql.of(COLUMNS + " where status in ('ANNOUNCED', 'OPEN') and close_at > :after order by close_at, id")
                .param("after", after.atOffset(ZoneOffset.UTC)).rows()
                .map(rows -> rows.stream().map(PollDeadlines::closing).toList());
    }

    /** The poll if it is still announced or open. */
    public Uni<Optional<Closing>> closing(long pollId) {
        return NativeSql.of(COLUMNS + " where id = :poll and status in ('ANNOUNCED', 'OPEN')").param("poll", pollId).rows()
                .map(rows -> rows.stream().findFirst().map(PollDeadlines::closing));
    }

    /** Eligible online voters of units with no counted ballot yet. */
    public Uni<List<Long>> votersWithoutBallot(long pollId) {
        return Electorates.votersWithoutBallot(pollId);
    }

    private static Closing closing(Object[] r) {
        return new Closing(NativeSql.id(r[0]), NativeSql.id(r[1]), (String) r[2], "OPEN".equals(r[3]),
                NativeSql.time(r[4]), NativeSql.time(r[5]));
    }
}
