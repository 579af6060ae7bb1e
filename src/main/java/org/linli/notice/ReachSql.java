package org.linli.notice;

import org.linli.common.NativeSql;
import org.linli.identity.Reach;

import java.util.ArrayList;
import java.util.List;

/** A staff member's {@link Reach} as an SQL condition on a notice's households (alias {@code nh}). */
final class ReachSql {

    private ReachSql() {
    }

    /** An SQL condition true for a notice's households (alias nh) in reach; binds its parameters into sql. */
    static String condition(Reach reach, NativeSql sql) {
        if (reach.whole()) {
            return "true";
        }
        List<String> any = new ArrayList<>();
        if (!reach.buildingIds().isEmpty()) {
            any.add("nh.building_id in (:reachBuildings)");
            sql.param("reachBuildings", reach.buildingIds());
        }
        if (!reach.gridIds().isEmpty()) {
            any.add("nh.grid_id in (:reachGrids)");
            sql.param("reachGrids", reach.gridIds());
        }
        return any.isEmpty() ? "false" : "(" + String.join(" or ", any) + ")";
    }
}
