package org.linli.poll;

import org.linli.common.NativeSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** Staff reads over a poll's ballots: turnout by building, units not yet voted, conflicts, the audit trail, events. */
@ApplicationScoped
class PollRecords {

    record BuildingTurnout(long buildingId, String building, long households, long voted) {
    }

    record Voted(String address, String unitKey, String channel) {
    }

    record NotVoted(long buildingId, String address, String unitKey, String headKind) {
    }

    record Conflict(long id, String unitKey, String label, String countedChannel, String setAsideChannel,
                    OffsetDateTime setAsideCastAt, Long setAsideBy, String setAsideAnswers, String rule,
                    OffsetDateTime at) {
    }

    record AuditEvent(long id, OffsetDateTime at, String kind, Long staffId, String reason, String detail) {
    }

    record BallotEvent(long seq, String kind, String content, String prevHash, String hash) {
    }

    record Unit(String unitKey, String pseudonym, String headKind, String label, BigDecimal area, String areaSources) {
    }

    Uni<List<BuildingTurnout>> turnout(long pollId) {
        return NativeSql.of("select eh.building_id, split_part(min(eh.address), '/', 1), count(*),"
                        + " count(*) filter (where exists (select 1 from poll_ballot b where b.poll_id = eh.poll_id"
                        + " and b.unit_key = eh.unit_key)) from poll_elector_household eh where eh.poll_id = :poll"
                        + " group by eh.building_id order by 2")
                .param("poll", pollId).rows()
                .map(rows -> rows.stream().map(r -> new BuildingTurnout(NativeSql.id(r[0]), (String) r[1],
                        NativeSql.id(r[2]), NativeSql.id(r[3]))).toList());
    }

    /** Households in scope whose unit has no counted ballot: where the 楼栋长 should knock. */
    Uni<List<NotVoted>> notVoted(long pollId, Long buildingId) {
        return NativeSql.of("select eh.building_id, eh.address, eh.unit_key, e.head_kind from poll_elector_household eh"
                        + " join poll_elector e on e.poll_id = eh.poll_id and e.unit_key = eh.unit_key"
                        + " where eh.poll_id = :poll and (cast(:building as bigint) is null or eh.building_id = :building)"
                        + " and not exists (select 1 from poll_ballot b where b.poll_id = eh.poll_id"
                        + " and b.unit_key = eh.unit_key) order by eh.address")
                .param("poll", pollId).param("building", buildingId).rows()
                .map(rows -> rows.stream().map(r -> new NotVoted(NativeSql.id(r[0]), (String) r[1], (String) r[2],
                        (String) r[3])).toList());
    }

    /** The units with a counted ballot and its channel, by address (a paper ballot entered for one is a conflict). */
    Uni<List<Voted>> voted(long pollId) {
        return NativeSql.of("select eh.address, eh.unit_key, b.channel from poll_elector_household eh"
                        + " join poll_ballot b on b.poll_id = eh.poll_id and b.unit_key = eh.unit_key"
                        + " where eh.poll_id = :poll order by eh.address")
                .param("poll", pollId).rows()
                .map(rows -> rows.stream().map(r -> new Voted((String) r[0], (String) r[1], (String) r[2])).toList());
    }

    Uni<List<Conflict>> conflicts(long pollId) {
        return NativeSql.of("select c.id, c.unit_key, e.label, c.counted_channel, c.set_aside_channel, c.set_aside_cast_at,"
                        + " c.set_aside_by, c.set_aside_answers, c.rule, c.at from poll_conflict c join poll_elector e"
                        + " on e.poll_id = c.poll_id and e.unit_key = c.unit_key where c.poll_id = :poll order by c.id")
                .param("poll", pollId).rows()
                .map(rows -> rows.stream().map(r -> new Conflict(NativeSql.id(r[0]), (String) r[1], (String) r[2],
                        (String) r[3], (String) r[4], NativeSql.time(r[5]), r[6] == null ? null : NativeSql.id(r[6]),
                        (String) r[7], (String) r[8], NativeSql.time(r[9]))).toList());
    }

    Uni<List<AuditEvent>> audit(long pollId) {
        return NativeSql.of("select id, at, kind, staff_id, reason, detail from poll_event where poll_id = :poll order by id")
                .param("poll", pollId).rows()
                .map(rows -> rows.stream().map(r -> new AuditEvent(NativeSql.id(r[0]), NativeSql.time(r[1]), (String) r[2],
                        r[3] == null ? null : NativeSql.id(r[3]), (String) r[4], (String) r[5])).toList());
    }

    Uni<List<BallotEvent>> events(long pollId) {
        return NativeSql.of("select seq, kind, content, prev_hash, hash from poll_ballot_event where poll_id = :poll"
                        + " order by seq")
                .param("poll", pollId).rows()
                .map(rows -> rows.stream().map(r -> new BallotEvent(NativeSql.id(r[0]), (String) r[1], (String) r[2],
                        ((String) r[3]).strip(), ((String) r[4]).strip())).toList());
    }

    Uni<List<Unit>> units(PollRow poll) {
        return NativeSql.of("select unit_key, head_kind, label, area, area_sources from poll_elector where poll_id = :poll"
                        + " order by label, unit_key")
                .param("poll", poll.id()).rows()
                .map(rows -> rows.stream().map(r -> new Unit((String) r[0], BallotBox.pseudonym(poll.salt(), (String) r[0]),
                        (String) r[1], (String) r[2], (BigDecimal) r[3], (String) r[4])).toList());
    }

    /** Secret choices sorted by receipt: the published list voters check their receipt in. */
    Uni<List<String[]>> choices(long pollId) {
        return NativeSql.of("select receipt, answers from poll_secret_choice where poll_id = :poll order by receipt")
                .param("poll", pollId).rows()
                .map(rows -> rows.stream().map(r -> new String[]{(String) r[0], (String) r[1]}).toList());
    }
}
