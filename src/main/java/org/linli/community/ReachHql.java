package org.linli.community;

import org.hibernate.reactive.mutiny.Mutiny;
import org.linli.identity.Reach;

import java.util.ArrayList;
import java.util.List;

/** A staff member's {@link Reach} as a condition on the building (alias {@code b}) of an HQL query. */
final class ReachHql {

    private ReachHql() {
    }

    /** {@code ""} for the whole community, else {@code " and (…)"}; bind its parameters with {@link #bind}. */
    static String condition(Reach reach) {
        if (reach.whole()) {
            return "";
        }
        List<String> any = new ArrayList<>();
        if (!reach.buildingIds().isEmpty()) {
            any.add("b.id in :reachBuildings");
        }
        if (!reach.gridIds().isEmpty()) {
            any.add("b.gridId in :reachGrids");
        }
        return any.isEmpty() ? " and 1 = 0" : " and (" + String.join(" or ", any) + ")";
    }

    static <R> Mutiny.SelectionQuery<R> bind(Mutiny.SelectionQuery<R> query, Reach reach) {
        if (!reach.whole() && !reach.buildingIds().isEmpty()) {
            query.setParameter("reachBuildings", reach.buildingIds());
        }
        if (!reach.whole() && !reach.gridIds().isEmpty()) {
            query.setParameter("reachGrids", reach.gridIds());
        }
        return query;
    }

    static boolean covers(Reach reach, Building building) {
        return reach.coversBuilding(building.id, building.gridId);
    }
}
