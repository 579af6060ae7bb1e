package org.linli.poll;

import org.linli.common.NativeSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;
import org.linli.community.ElectorateRoster;
import org.linli.community.ElectorateRoster.RosterHousehold;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Freezes a poll's electorate at opening (from the community's roster, through {@link ElectorateRoster}), lists it
 * for staff, and adds late-verified voters. Runs in the caller's Panache transaction.
 */
@ApplicationScoped
class Electorates {

    record Elector(String unitKey, String headKind, String label, BigDecimal area, String areaSources,
                   String lateReason, int voters, boolean voted) {
    }

    private final ElectorateRoster roster;
    private final PollStore store;
    private final PollJson json;

    Electorates(ElectorateRoster roster, PollStore store, PollJson json) {
        this.roster = roster;
        this.store = store;
        this.json = json;
    }

    /** Writes the electorate of the poll as the roster stands now; 409 POLL_ELECTORATE_EMPTY when nobody is in it. */
    Uni<Integer> freeze(PollRow poll, OffsetDateTime now) {
        String kind = poll.scopeKind().name();
        return store.targetIds(poll.id())
                .chain(ids -> roster.households(poll.communityId(), kind, ids)
                        .chain(households -> roster.members(poll.communityId(), kind, ids)
                                .map(members -> ElectorateBuilder.build(poll.rule().base(), households, members))))
                .chain(units -> {
                    if (units.isEmpty()) {
                        throw Problem.conflict("POLL_ELECTORATE_EMPTY");
                    }
                    return write(poll, units, now, null, null).replaceWith(units.size());
                });
    }

    /** Who would vote if the poll opened now (for the announcement push); writes nothing. */
    Uni<List<Long>> previewVoters(PollRow poll) {
        String kind = poll.scopeKind().name();
        return store.targetIds(poll.id())
                .chain(ids -> roster.households(poll.communityId(), kind, ids)
                        .chain(households -> roster.members(poll.communityId(), kind, ids)
                                .map(members -> ElectorateBuilder.build(poll.rule().base(), households, members))))
                .map(units -> units.stream().flatMap(u -> u.voters().keySet().stream()).distinct().sorted().toList());
    }

    private Uni<Void> write(PollRow poll, List<ElectorateBuilder.Unit> units, OffsetDateTime now, Long staffId,
                            String reason) {
        List<Map<String, Object>> electors = new ArrayList<>();
        List<Map<String, Object>> households = new ArrayList<>();
        List<Map<String, Object>> voters = new ArrayList<>();
        for (ElectorateBuilder.Unit u : units) {
            electors.add(Map.of("k", u.key(), "kind", u.kind(), "label", u.label(), "area", u.area(),
                    "src", u.areaSources()));
            for (RosterHousehold h : u.households()) {
                households.add(Map.of("k", u.key(), "h", h.id(), "b", h.buildingId(), "a", h.address(),
                        "area", h.area(), "src", h.areaSource()));
            }
            u.voters().forEach((resident, rep) -> voters.add(Map.of("k", u.key(), "r", resident, "rep", rep)));
        }
        return NativeSql.of("insert into poll_elector (poll_id, unit_key, community_id, head_kind, label, area,"
                        + " area_sources, late_reason, added_by, added_at) select :poll, x.k, :community, x.kind,"
                        + " x.label, x.area, x.src, :reason, :staff, :now from json_to_recordset(cast(cast(:rows as text) as json))"
                        + " as x(k text, kind text, label text, area numeric, src text)")
                .param("poll", poll.id()).param("community", poll.communityId()).param("reason", reason)
                .param("staff", staffId).param("now", now).param("rows", json.write(electors)).update()
                .chain(() -> households.isEmpty() ? Uni.createFrom().item(0) : NativeSql.of(
                                "insert into poll_elector_household (poll_id, unit_key, household_id, building_id,"
                                        + " address, area, area_source) select :poll, x.k, x.h, x.b, x.a, x.area, x.src"
                                        + " from json_to_recordset(cast(cast(:rows as text) as json)) as x(k text, h bigint, b bigint,"
                                        + " a text, area numeric, src text)")
                        .param("poll", poll.id()).param("rows", json.write(households)).update())
                .chain(() -> voters.isEmpty() ? Uni.createFrom().item(0) : NativeSql.of(
                                "insert into poll_elector_voter (poll_id, unit_key, resident_id, representative)"
                                        + " select :poll, x.k, x.r, x.rep from json_to_recordset(cast(cast(:rows as text) as json))"
                                        + " as x(k text, r bigint, rep boolean) on conflict do nothing")
                        .param("poll", poll.id()).param("rows", json.write(voters)).update())
                .replaceWithVoid();
    }

    /** The frozen electorate in label order, with whether each unit has a counted ballot. */
    Uni<List<Elector>> list(long pollId) {
        return NativeSql.of("select e.unit_key, e.head_kind, e.label, e.area, e.area_sources, e.late_reason,"
                        + " (select count(*) from poll_elector_voter v where v.poll_id = e.poll_id"
                        + " and v.unit_key = e.unit_key),"
                        + " exists (select 1 from poll_ballot b where b.poll_id = e.poll_id and b.unit_key = e.unit_key)"
                        + " from poll_elector e where e.poll_id = :poll order by e.label, e.unit_key")
                .param("poll", pollId).rows()
                .map(rows -> rows.stream().map(r -> new Elector((String) r[0], (String) r[1], (String) r[2],
                        (BigDecimal) r[3], (String) r[4], (String) r[5], ((Number) r[6]).intValue(),
                        (Boolean) r[7])).toList());
    }

    /**
     * A voter verified after opening. Per resident: a new unit (the denominators grow, on the record). Otherwise
     * the resident joins the unit that already holds their household: the denominators do not move.
     */
    Uni<String> addLate(PollRow poll, long residentId, Long householdId, long staffId, String reason,
                        OffsetDateTime now) {
        return roster.membershipsOf(poll.communityId(), residentId).chain(memberships -> {
            var chosen = memberships.stream()
                    .filter(m -> householdId == null || m.householdId() == householdId).toList();
            if (chosen.isEmpty()) {
                throw Problem.badRequest("POLL_LATE_VOTER_NOT_MEMBER");
            }
            if (poll.rule().base() == Base.RESIDENTS) {
                return NativeSql.of("select household_id from poll_elector_household where poll_id = :poll"
                                + " and household_id in (:ids)")
                        .param("poll", poll.id()).param("ids", chosen.stream().map(m -> m.householdId()).toList())
                        .column()
                        .chain(inScope -> {
                            if (inScope.isEmpty()) {
                                throw Problem.badRequest("POLL_LATE_VOTER_OUT_OF_SCOPE");
                            }
                            String key = "r:" + residentId;
                            return NativeSql.of("insert into poll_elector (poll_id, unit_key, community_id, head_kind,"
                                            + " label, area, area_sources, late_reason, added_by, added_at)"
                                            + " select :poll, :key, :community, 'RESIDENT', min(address), 0, 'REGISTRY',"
                                            + " :reason, :staff, :now from poll_elector_household where poll_id = :poll"
                                            + " and household_id in (:ids) on conflict do nothing")
                                    .param("poll", poll.id()).param("key", key).param("community", poll.communityId())
                                    .param("reason", reason).param("staff", staffId).param("now", now)
                                    .param("ids", inScope).update()
                                    .chain(n -> {
                                        if (n == 0) {
                                            throw Problem.conflict("POLL_LATE_VOTER_ALREADY");
                                        }
                                        return voter(poll.id(), key, residentId, false);
                                    })
                                    .replaceWith(key);
                        });
            }
            boolean owners = poll.rule().base() == Base.OWNERS;
            var eligible = chosen.stream().filter(m -> !owners || m.role().name().endsWith("OWNER")).toList();
            if (eligible.isEmpty()) {
                throw Problem.badRequest("POLL_LATE_VOTER_NOT_OWNER");
            }
            return NativeSql.of("select unit_key from poll_elector_household where poll_id = :poll"
                            + " and household_id = :household and unit_key <> 'dev' limit 1")
                    .param("poll", poll.id()).param("household", eligible.get(0).householdId()).column()
                    .chain(keys -> {
                        if (keys.isEmpty()) {
                            throw Problem.badRequest("POLL_LATE_VOTER_OUT_OF_SCOPE");
                        }
                        String key = (String) keys.get(0);
                        return voter(poll.id(), key, residentId, false).invoke(n -> {
                            if (n == 0) {
                                throw Problem.conflict("POLL_LATE_VOTER_ALREADY");
                            }
                        }).replaceWith(key);
                    });
        }).call(key -> store.audit(poll.id(), now, "LATE_VOTER", staffId, reason,
                json.write(new LinkedHashMap<>(Map.of("unitKey", key, "residentId", residentId)))));
    }

    private static Uni<Integer> voter(long pollId, String key, long residentId, boolean representative) {
        return NativeSql.of("insert into poll_elector_voter (poll_id, unit_key, resident_id, representative)"
                        + " values (:poll, :key, :resident, :rep) on conflict do nothing")
                .param("poll", pollId).param("key", key).param("resident", residentId).param("rep", representative)
                .update();
    }

    /** Residents who may vote in the poll (online), each once. */
    static Uni<List<Long>> voters(long pollId) {
        return NativeSql.of("select distinct resident_id from poll_elector_voter where poll_id = :poll order by 1")
                .param("poll", pollId).column().map(ids -> ids.stream().map(NativeSql::id).toList());
    }

    /** Voters of units with no counted ballot yet: the ones a reminder or a reopening may reach. */
    static Uni<List<Long>> votersWithoutBallot(long pollId) {
        return NativeSql.of("select distinct v.resident_id from poll_elector_voter v where v.poll_id = :poll"
                        + " and not exists (select 1 from poll_ballot b where b.poll_id = v.poll_id"
                        + " and b.unit_key = v.unit_key) order by 1")
                .param("poll", pollId).column().map(ids -> ids.stream().map(NativeSql::id).toList());
    }
}
