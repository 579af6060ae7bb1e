package org.linli.notice;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.NativeSql;
import org.linli.common.Problem;
import org.linli.community.ElectorateRoster;
import org.linli.identity.Reach;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Who a notice is for: checks the chosen grids, buildings, units or households against the community and the
 * author's reach, freezes them into households (with their building and grid) at publication, and finds the
 * residents with a VERIFIED membership in those households. The roster comes from the community feature
 * ({@link ElectorateRoster}); this class only touches the notice's own tables. Run inside the caller's session.
 */
@ApplicationScoped
class NoticeAudience {

    /** True for notices (alias n) with one of the households in {@code :households} (a comma-separated id list). */
    static final String REACHES_HOUSEHOLDS = "exists (select 1 from notice_household nh where nh.notice_id = n.id"
            + " and nh.household_id = any(cast(string_to_array(:households, ',') as bigint[])))";

    private final ElectorateRoster roster;

    NoticeAudience(ElectorateRoster roster) {
        this.roster = roster;
    }

    /**
     * Checks a scope before anything is written: every id must name a grid/building/unit/household of this community
     * (else 400 NOTICE_TARGET_NOT_FOUND) inside the author's reach (else 403 NOTICE_SCOPE_FORBIDDEN).
     */
    Uni<Void> check(long communityId, NoticeScope scope, Reach reach) {
        if (scope.kind() == ScopeKind.COMMUNITY) {
            return reach.whole() ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(Problem.forbidden("NOTICE_SCOPE_FORBIDDEN"));
        }
        Set<Long> ids = scope.targetIds();
        return roster.targets(communityId, scope.kind().name(), ids)
                .invoke(targets -> {
                    if (targets.size() < ids.size()) {
                        throw Problem.badRequest("NOTICE_TARGET_NOT_FOUND", ids.size() - targets.size());
                    }
                    for (ElectorateRoster.Target t : targets) {
                        boolean covered = scope.kind() == ScopeKind.GRIDS ? reach.coversGrid(t.id())
                                : reach.coversBuilding(t.buildingId(), t.gridId());
                        if (!covered) {
                            throw Problem.forbidden("NOTICE_SCOPE_FORBIDDEN");
                        }
                    }
                })
                .replaceWithVoid();
    }

    /** Writes the chosen targets and the households they resolve to; 400 NOTICE_SCOPE_EMPTY when there are none. */
    Uni<Integer> freeze(Notice notice, NoticeScope scope) {
        Uni<Integer> targets = scope.kind() == ScopeKind.COMMUNITY ? Uni.createFrom().item(0)
                : NativeSql.of("insert into notice_target (notice_id, target_id) select :notice,"
                        + " unnest(cast(string_to_array(:ids, ',') as bigint[]))")
                .param("notice", notice.id).param("ids", join(scope.targetIds())).update();
        return targets.chain(() -> roster.households(notice.communityId, scope.kind().name(), scope.targetIds()))
                .chain(households -> {
                    if (households.isEmpty()) {
                        throw Problem.badRequest("NOTICE_SCOPE_EMPTY");
                    }
                    return NativeSql.of("insert into notice_household (notice_id, household_id, community_id,"
                                    + " building_id, grid_id) select :notice, h, :community, b, g from unnest("
                                    + " cast(string_to_array(:households, ',') as bigint[]),"
                                    + " cast(string_to_array(:buildings, ',') as bigint[]),"
                                    + " cast(string_to_array(:grids, ',', '') as bigint[])) as t (h, b, g)")
                            .param("notice", notice.id).param("community", notice.communityId)
                            .param("households", join(households.stream().map(ElectorateRoster.RosterHousehold::id)))
                            .param("buildings", join(households.stream()
                                    .map(ElectorateRoster.RosterHousehold::buildingId)))
                            .param("grids", households.stream()
                                    .map(h -> h.gridId() == null ? "" : String.valueOf(h.gridId()))
                                    .collect(Collectors.joining(",")))
                            .update();
                });
    }

    /** The notice's households, by id. */
    static Uni<List<Long>> households(long noticeId) {
        return NativeSql.of("select household_id from notice_household where notice_id = :notice order by household_id")
                .param("notice", noticeId).column()
                .map(ids -> ids.stream().map(NativeSql::id).toList());
    }

    /** Residents with a VERIFIED membership in one of the notice's households, each once. */
    Uni<List<Long>> residents(long noticeId) {
        return households(noticeId).chain(roster::verifiedResidents);
    }

    /** The households the resident holds a VERIFIED membership in, as the {@code :households} parameter. */
    Uni<String> householdsOf(long residentId) {
        return roster.verifiedHouseholdsOf(residentId).map(NoticeAudience::join);
    }

    /** The chosen target ids, for showing the scope back to staff. */
    Uni<List<Long>> targets(long noticeId) {
        return NativeSql.of("select target_id from notice_target where notice_id = :notice order by target_id")
                .param("notice", noticeId).column()
                .map(ids -> ids.stream().map(NativeSql::id).toList());
    }

    Uni<Boolean> reaches(long noticeId, long residentId) {
        return householdsOf(residentId).chain(households -> NativeSql.of("select count(*) from notice n"
                        + " where n.id = :notice and " + REACHES_HOUSEHOLDS)
                .param("notice", noticeId).param("households", households).number())
                .map(count -> count > 0);
    }

    /** A condition true for notices (alias n) with at least one household in the staff member's reach. */
    static String touches(Reach reach, NativeSql sql) {
        if (reach.whole()) {
            return "true";
        }
        return "exists (select 1 from notice_household nh where nh.notice_id = n.id and "
                + ReachSql.condition(reach, sql) + ")";
    }

    /** A condition true for notices (alias n) whose every household is in reach: those the staff may change. */
    static String within(Reach reach, NativeSql sql) {
        if (reach.whole()) {
            return "true";
        }
        return "n.scope_kind <> 'COMMUNITY' and not exists (select 1 from notice_household nh"
                + " where nh.notice_id = n.id and not coalesce(" + ReachSql.condition(reach, sql) + ", false))";
    }

    static String join(Collection<Long> ids) {
        return join(ids.stream());
    }

    private static String join(Stream<Long> ids) {
        return ids.map(String::valueOf).collect(Collectors.joining(","));
    }
}
