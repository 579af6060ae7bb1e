package org.linli.community;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.linli.common.Problem;
import org.linli.identity.Reach;

import java.util.List;

/** Households as staff browse them, and the building a household belongs to for access checks. */
@ApplicationScoped
public class HouseholdService {

    /** A household with its address, for places that need both. */
    public record Located(Household household, BuildingUnit unit, Building building) {
    }

    private static final String VIEW = "select new org.linli.community.HouseholdView(h.id, b.name, u.name, h.room,"
            + " h.floorArea, h.areaSource,"
            + " (select count(*) from Membership m where m.householdId = h.id and m.status = :verified),"
            + " (select count(*) from Membership m where m.householdId = h.id and m.status = :pending))";
    private static final String FROM = " from Household h join BuildingUnit u on u.id = h.unitId"
            + " join Building b on b.id = u.buildingId where h.communityId = :community";
    private static final String IN_BUILDING = " and b.id = :building";
    /** Household h, unit u, building b by address; shorter names first, so 2号楼 before 10号楼 and 201 before 1001. */
    static final String ADDRESS_ORDER = " order by length(b.name), b.name, length(u.name), u.name,"
            + " length(h.room), h.room, h.id";

    /**
     * Households of a community (or of one of its buildings) within the staff member's reach, sorted by building,
     * unit and room.
     */
    public Uni<Page<HouseholdView>> list(long communityId, Long buildingId, Reach reach, int page, int size) {
        String from = (buildingId == null ? FROM : FROM + IN_BUILDING) + ReachHql.condition(reach);
        return Panache.withSession(() -> Panache.getSession().chain(s -> {
            var items = where(s.createSelectionQuery(VIEW + from + ADDRESS_ORDER, HouseholdView.class), communityId, buildingId, reach)
                    .setParameter("verified", MembershipStatus.VERIFIED)
                    .setParameter("pending", MembershipStatus.PENDING)
                    .setFirstResult(page * size)
                    .setMaxResults(size);
            var total = where(s.createSelectionQuery("select count(h)" + from, Long.class), communityId, buildingId, reach);
            return items.getResultList()
                    .chain(list -> total.getSingleResult().map(count -> new Page<>(list, page, size, count)));
        }));
    }

    /** 404 when the building is not in the community, 403 when it is outside the staff member's reach. */
    public Uni<Void> requireInReach(long communityId, long buildingId, Reach reach) {
        return Panache.withSession(() -> Building.<Building>find("id = ?1 and communityId = ?2", buildingId, communityId)
                        .firstResult())
                .onItem().ifNull().failWith(() -> Problem.notFound("BUILDING_NOT_FOUND"))
                .invoke(b -> {
                    if (!ReachHql.covers(reach, b)) {
                        throw Problem.forbidden("FORBIDDEN");
                    }
                })
                .replaceWithVoid();
    }

    /** The buildings of the community in the staff member's reach, by name. */
    public Uni<List<Building>> visibleBuildings(long communityId, Reach reach) {
        return Panache.withSession(() -> Building.<Building>list("communityId = ?1 order by length(name), name", communityId))
                .map(all -> all.stream().filter(b -> ReachHql.covers(reach, b)).toList());
    }

    /** The household with its unit and building, or HOUSEHOLD_NOT_FOUND when it is not in that community. */
    public Uni<Located> locate(long communityId, long householdId) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                        "select h, u, b from Household h join BuildingUnit u on u.id = h.unitId"
                                + " join Building b on b.id = u.buildingId where h.id = ?1 and h.communityId = ?2",
                        Object[].class)
                .setParameter(1, householdId)
                .setParameter(2, communityId)
                .getSingleResultOrNull())
                .onItem().ifNull().failWith(() -> Problem.notFound("HOUSEHOLD_NOT_FOUND"))
                .map(row -> new Located((Household) row[0], (BuildingUnit) row[1], (Building) row[2]));
    }

    /** Every household of a building in address order, with the building itself. */
    public Uni<List<Located>> inBuilding(long communityId, long buildingId) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                        "select h, u, b" + FROM + IN_BUILDING + ADDRESS_ORDER, Object[].class)
                .setParameter("community", communityId)
                .setParameter("building", buildingId)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new Located((Household) row[0], (BuildingUnit) row[1], (Building) row[2]))
                        .toList());
    }

    private static <R> Mutiny.SelectionQuery<R> where(Mutiny.SelectionQuery<R> query, long communityId, Long buildingId,
                                                      Reach reach) {
        query.setParameter("community", communityId);
        ReachHql.bind(query, reach);
        return buildingId == null ? query : query.setParameter("building", buildingId);
    }
}
