package org.linli.thread;

import org.linli.common.NativeSql;
import org.linli.identity.Caller;
import org.linli.identity.Grant;
import org.linli.identity.Reach;
import org.linli.identity.Role;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who acts on threads of one community: a resident, a staff member with their reach (ADMIN/COMMITTEE: the whole
 * community; grid workers: their grids; building leaders: their buildings; anyone: threads assigned or routed to
 * them), or the application.
 */
public record Actor(ActorKind kind, long id, String name, String role, boolean whole, Set<Long> gridIds,
                    Set<Long> buildingIds) {

    public static Actor resident(long residentId) {
        return new Actor(ActorKind.RESIDENT, residentId, null, null, false, Set.of(), Set.of());
    }

    public static Actor system() {
        return new Actor(ActorKind.SYSTEM, 0, "系统", null, false, Set.of(), Set.of());
    }

    public static Actor staff(Caller caller, long communityId) {
        List<Grant> mine = caller.grants().stream()
                .filter(g -> g.communityId() != null && g.communityId() == communityId).toList();
        Reach reach = Reach.of(caller, communityId);
        return new Actor(ActorKind.STAFF, caller.id(), caller.name(), roleLabel(caller, mine), reach.whole(),
                reach.gridIds(), reach.buildingIds());
    }

    private static String roleLabel(Caller caller, List<Grant> mine) {
        Set<Role> roles = mine.stream().map(Grant::role).collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        if (roles.contains(Role.COMMITTEE)) {
            return "居委会";
        }
        if (roles.contains(Role.ADMIN) || caller.isPlatformAdmin()) {
            return "社区管理员";
        }
        if (roles.contains(Role.GRID_WORKER)) {
            return "网格员";
        }
        return roles.contains(Role.BUILDING_LEADER) ? "楼栋长" : "工作人员";
    }

    boolean isStaff() {
        return kind == ActorKind.STAFF;
    }

    boolean isResident() {
        return kind == ActorKind.RESIDENT;
    }

    /** Staff who may see and act on the thread at all. */
    boolean reaches(ConsultationThread t) {
        return isStaff() && (whole || (t.gridId != null && gridIds.contains(t.gridId))
                || (t.buildingId != null && buildingIds.contains(t.buildingId))
                || Long.valueOf(id).equals(t.assigneeStaffId) || Long.valueOf(id).equals(t.routedStaffId));
    }

    Set<Lifecycle.Party> partiesFor(ConsultationThread t) {
        Set<Lifecycle.Party> parties = EnumSet.noneOf(Lifecycle.Party.class);
        switch (kind) {
            case SYSTEM -> parties.add(Lifecycle.Party.SYSTEM);
            case RESIDENT -> {
                if (t.residentId == id) {
                    parties.add(Lifecycle.Party.RAISER);
                }
            }
            case STAFF -> {
                if (reaches(t)) {
                    parties.add(Lifecycle.Party.STAFF);
                }
                if (whole) {
                    parties.add(Lifecycle.Party.MANAGER);
                }
                boolean owns = t.assigneeStaffId != null ? t.assigneeStaffId == id
                        : t.routedStaffId != null && t.routedStaffId == id;
                if (whole || owns) {
                    parties.add(Lifecycle.Party.OWNER);
                }
            }
        }
        return parties;
    }

    /** SQL condition (thread alias {@code t}) for the threads in this staff member's reach. */
    String reachCondition(NativeSql sql) {
        if (whole) {
            return "true";
        }
        StringBuilder any = new StringBuilder("(t.assignee_staff_id = :me or t.routed_staff_id = :me");
        sql.param("me", id);
        if (!gridIds.isEmpty()) {
            any.append(" or t.grid_id in (:reachGrids)");
            sql.param("reachGrids", gridIds);
        }
        if (!buildingIds.isEmpty()) {
            any.append(" or t.building_id in (:reachBuildings)");
            sql.param("reachBuildings", buildingIds);
        }
        return any.append(")").toString();
    }
}
