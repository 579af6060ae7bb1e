package org.linli.notice;

import org.linli.common.NativeSql;
import org.linli.identity.Reach;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;

import java.util.List;
import java.util.Set;

/**
 * Who a notice is for, in SQL over the community's tables (read only): checks the chosen grids, buildings, units
 * or households against the community and the author's reach, freezes them into households at publication, and
 * finds the residents with a VERIFIED membership in those households. Run inside the caller's session.
 */
@ApplicationScoped
class NoticeAudience {

    static final String ADDRESS = " from household h join building_unit u on u.id = h.unit_id"
            + " join building b on b.id = u.building_id";

    /** True for notices (alias n) one of whose households the resident :resident holds a VERIFIED membership in. */
    static final String REACHES_RESIDENT = "exists (select 1 from notice_household nh join membership m"
            + " on m.household_id = nh.household_id where nh.notice_id = n.id and m.resident_id = :resident"
            + " and m.status = 'VERIFIED')";

    /** Each target as (id, building id, grid id); grids have no building. */
    private static String targets(ScopeKind kind) {
        return switch (kind) {
            case GRIDS -> "select g.id, null, g.id from grid g where g.community_id = :community and g.id in (:ids)";
            case BUILDINGS -> "select b.id, b.id, b.grid_id from building b"
                    + " where b.community_id = :community and b.id in (:ids)";
            case UNITS -> "select u.id, b.id, b.grid_id from building_unit u join building b on b.id = u.building_id"
                    + " where u.community_id = :community and u.id in (:ids)";
            case HOUSEHOLDS -> "select h.id, b.id, b.grid_id" + ADDRESS
                    + " where h.community_id = :community and h.id in (:ids)";
            case COMMUNITY -> throw new IllegalArgumentException("COMMUNITY has no targets");
        };
    }

    private static String households(ScopeKind kind) {
        return switch (kind) {
            case COMMUNITY -> "true";
            case GRIDS -> "b.grid_id in (:ids)";
            case BUILDINGS -> "b.id in (:ids)";
            case UNITS -> "u.id in (:ids)";
            case HOUSEHOLDS -> "h.id in (:ids)";
        };
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
        return NativeSql.of(targets(scope.kind())).param("community", communityId).param("ids", ids).rows()
                .invoke(rows -> {
                    if (rows.size() < ids.size()) {
                        throw Problem.badRequest("NOTICE_TARGET_NOT_FOUND", ids.size() - rows.size());
                    }
                    for (Object[] row : rows) {
                        boolean covered = scope.kind() == ScopeKind.GRIDS ? reach.coversGrid(NativeSql.id(row[0]))
                                : reach.coversBuilding(NativeSql.id(row[1]), row[2] == null ? null : NativeSql.id(row[2]));
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
                : NativeSql.of("insert into notice_target (notice_id, target_id) select :notice, t.id from ("
                        + targets(scope.kind()) + ") as t (id, building_id, grid_id)")
                .param("notice", notice.id).param("community", notice.communityId).param("ids", scope.targetIds())
                .update();
        NativeSql households = NativeSql.of("insert into notice_household (notice_id, household_id, community_id)"
                        + " select :notice, h.id, h.community_id" + ADDRESS
                        + " where h.community_id = :community and " + households(scope.kind()))
                .param("notice", notice.id).param("community", notice.communityId);
        if (scope.kind() != ScopeKind.COMMUNITY) {
            households.param("ids", scope.targetIds());
        }
        return targets.chain(households::update).invoke(count -> {
            if (count == 0) {
                throw Problem.badRequest("NOTICE_SCOPE_EMPTY");
            }
        });
    }

    /** Residents with a VERIFIED membership in one of the notice's households, each once. */
    Uni<List<Long>> residents(long noticeId) {
        return NativeSql.of("select distinct m.resident_id from notice_household nh join membership m"
                        + " on m.household_id = nh.household_id where nh.notice_id = :notice and m.status = 'VERIFIED'"
                        + " order by m.resident_id")
                .param("notice", noticeId).column()
                .map(ids -> ids.stream().map(NativeSql::id).toList());
    }

    /** The chosen target ids, for showing the scope back to staff. */
    Uni<List<Long>> targets(long noticeId) {
        return NativeSql.of("select target_id from notice_target where notice_id = :notice order by target_id")
                .param("notice", noticeId).column()
                .map(ids -> ids.stream().map(NativeSql::id).toList());
    }

    Uni<Boolean> reaches(long noticeId, long residentId) {
        return NativeSql.of("select count(*) from notice n where n.id = :notice and " + REACHES_RESIDENT)
                .param("notice", noticeId).param("resident", residentId).number()
                .map(count -> count > 0);
    }

    /** A condition true for notices (alias n) with at least one household in the staff member's reach. */
    static String touches(Reach reach, NativeSql sql) {
        if (reach.whole()) {
            return "true";
        }
        return "exists (select 1 from notice_household nh join household h on h.id = nh.household_id"
                + " join building_unit u on u.id = h.unit_id join building b on b.id = u.building_id"
                + " where nh.notice_id = n.id and " + ReachSql.condition(reach, sql) + ")";
    }

    /** A condition true for notices (alias n) whose every household is in reach: those the staff may change. */
    static String within(Reach reach, NativeSql sql) {
        if (reach.whole()) {
            return "true";
        }
        return "n.scope_kind <> 'COMMUNITY' and not exists (select 1 from notice_household nh"
                + " join household h on h.id = nh.household_id join building_unit u on u.id = h.unit_id"
                + " join building b on b.id = u.building_id where nh.notice_id = n.id and not coalesce("
                + ReachSql.condition(reach, sql) + ", false))";
    }
}
