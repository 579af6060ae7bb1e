package org.linli.community;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.reactive.mutiny.Mutiny;
import org.linli.common.Problem;
import org.linli.identity.Reach;
import org.linli.identity.Resident;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Who belongs to which household: a resident's own view, and the staff's review of claims. */
@ApplicationScoped
public class MembershipService {

    static final List<MembershipStatus> LIVE = List.of(MembershipStatus.PENDING, MembershipStatus.VERIFIED);

    private static final String WITH_ADDRESS = " from Membership m join Household h on h.id = m.householdId"
            + " join BuildingUnit u on u.id = h.unitId join Building b on b.id = u.buildingId"
            + " join Resident r on r.id = m.residentId";

    private final HouseholdService households;

    MembershipService(HouseholdService households) {
        this.households = households;
    }

    /** One of the caller's own memberships. */
    public record Mine(long id, long communityId, long householdId, String building, String unit, String room,
                       MembershipRole role, MembershipStatus status, OffsetDateTime createdAt) {
    }

    public record Me(long id, String displayName, String phoneMasked, List<Mine> memberships) {
    }

    /**
     * A membership as reviewing staff see it: the address, the person (phone masked) and the claim. For a pending
     * OWNER claim, {@code grants} lists every room approving it grants (the claimed one, plus the rooms of a roster
     * owner slot with the claimant's phone, which is folded in automatically), and {@code rosterSlots} the unbound
     * roster owners of the household that the reviewer may confirm as this claimant, each with all their rooms.
     */
    public record Claim(long id, long householdId, String building, String unit, String room, long residentId,
                        String displayName, String phoneMasked, MembershipRole role, MembershipStatus status,
                        MembershipSource source, OffsetDateTime createdAt, OffsetDateTime verifiedAt,
                        List<String> grants, List<RosterSlot> rosterSlots) {

        Claim with(List<String> grants, List<RosterSlot> slots) {
            return new Claim(id, householdId, building, unit, room, residentId, displayName, phoneMasked, role, status,
                    source, createdAt, verifiedAt, grants, slots);
        }

        String address() {
            return MembershipService.address(building, unit, room);
        }
    }

    /** An unbound roster owner of the claimed household and every room it holds. */
    public record RosterSlot(long residentId, String displayName, String phoneMasked, boolean samePhone,
                             List<String> rooms) {
    }

    /** An approval or rejection; {@code mergedRosterResidentId} names the owner slot folded into the claimant. */
    public record Decision(Claim membership, Long mergedRosterResidentId) {
    }

    public Uni<Me> me(long residentId) {
        return Panache.withSession(() -> Resident.<Resident>findById(residentId)
                .onItem().ifNull().failWith(() -> Problem.notFound("RESIDENT_NOT_FOUND"))
                .chain(resident -> Panache.getSession().chain(s -> s.createSelectionQuery(
                                "select m, h, u, b, r" + WITH_ADDRESS + " where m.residentId = ?1 and m.status <> ?2"
                                        + HouseholdService.ADDRESS_ORDER, Object[].class)
                        .setParameter(1, residentId)
                        .setParameter(2, MembershipStatus.REVOKED)
                        .getResultList())
                        .map(rows -> new Me(resident.id, resident.displayName, resident.phoneMasked,
                                rows.stream().map(MembershipService::mine).toList()))));
    }

    Uni<Mine> mineById(long membershipId) {
        return Panache.withSession(() -> row("m.id = ?1", membershipId).map(MembershipService::mine));
    }

    /** Claims in a status, limited to the grids and buildings of a narrower staff member, oldest first. */
    public Uni<Page<Claim>> claims(long communityId, MembershipStatus status, Reach scope, int page, int size) {
        if (scope.isEmpty()) {
            return Uni.createFrom().item(new Page<>(List.of(), page, size, 0));
        }
        String where = " where m.communityId = :community and m.status = :status" + ReachHql.condition(scope);
        return Panache.withSession(() -> Panache.getSession().chain(s -> {
            var items = bind(s.createSelectionQuery("select m, h, u, b, r" + WITH_ADDRESS + where + " order by m.id",
                    Object[].class), communityId, status, scope)
                    .setFirstResult(page * size)
                    .setMaxResults(size);
            var total = bind(s.createSelectionQuery("select count(m)" + WITH_ADDRESS + where, Long.class),
                    communityId, status, scope);
            return items.getResultList().chain(rows -> withSlots(rows)
                    .chain(claims -> total.getSingleResult().map(count -> new Page<>(claims, page, size, count))));
        }));
    }

    /**
     * Verifies a pending claim. An OWNER claim takes over a roster owner slot of that household (its memberships,
     * including the owner's other rooms, and its phone hash, so the owner counts once in votes) only when the
     * claimant already carries the slot's phone hash, or when the reviewer names the slot ({@code confirmedSlot},
     * one of the claim's {@code rosterSlots}). A display name alone never folds: anyone can type one. The slot row
     * stays, emptied of its phone, so nothing that points at it breaks.
     */
    public Uni<Decision> approve(long communityId, long membershipId, Reach scope, long staffId, Long confirmedSlot) {
        return Panache.withTransaction(() -> lockPending(communityId, membershipId, scope)
                .invoke(m -> decide(m, MembershipStatus.VERIFIED, staffId))
                .chain(m -> {
                    if (m.role == MembershipRole.OWNER) {
                        return foldRosterSlot(m, confirmedSlot);
                    }
                    if (confirmedSlot != null) {
                        return Uni.createFrom().failure(Problem.badRequest("MEMBERSHIP_FOLD_UNKNOWN"));
                    }
                    return Uni.createFrom().<Long>nullItem();
                })
                .chain(merged -> row("m.id = ?1", membershipId).map(row -> new Decision(claim(row), merged))));
    }

    public Uni<Decision> reject(long communityId, long membershipId, Reach scope, long staffId) {
        return Panache.withTransaction(() -> lockPending(communityId, membershipId, scope)
                .invoke(m -> decide(m, MembershipStatus.REJECTED, staffId))
                .chain(() -> row("m.id = ?1", membershipId).map(row -> new Decision(claim(row), null))));
    }

    /** The membership, row-locked so two reviewers cannot both decide it; 404 outside the community. */
    private Uni<Membership> lockPending(long communityId, long membershipId, Reach scope) {
        return Membership.<Membership>find("id = ?1 and communityId = ?2", membershipId, communityId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .onItem().ifNull().failWith(() -> Problem.notFound("MEMBERSHIP_NOT_FOUND"))
                .call(m -> households.locate(communityId, m.householdId).invoke(found -> {
                    if (!ReachHql.covers(scope, found.building())) {
                        throw Problem.forbidden("FORBIDDEN");
                    }
                }))
                .invoke(m -> {
                    if (m.status != MembershipStatus.PENDING) {
                        throw Problem.conflict("MEMBERSHIP_NOT_PENDING");
                    }
                });
    }

    private static void decide(Membership m, MembershipStatus status, long staffId) {
        m.status = status;
        m.verifiedBy = staffId;
        m.verifiedAt = OffsetDateTime.now();
    }

    private Uni<Long> foldRosterSlot(Membership claim, Long confirmedSlot) {
        return Resident.<Resident>findById(claim.residentId).chain(claimant -> slotsOf(List.of(claim.householdId))
                .chain(slots -> {
                    List<Resident> candidates = slots.stream().map(SlotRow::slot)
                            .filter(r -> !r.id.equals(claimant.id)).toList();
                    Resident chosen;
                    if (confirmedSlot != null) {
                        chosen = candidates.stream().filter(r -> r.id.equals(confirmedSlot)).findFirst()
                                .orElseThrow(() -> Problem.badRequest("MEMBERSHIP_FOLD_UNKNOWN"));
                    } else {
                        chosen = candidates.stream().filter(r -> samePhone(claimant, r)).findFirst().orElse(null);
                    }
                    return chosen == null ? Uni.createFrom().<Long>nullItem()
                            : fold(chosen, claimant).replaceWith(chosen.id);
                }));
    }

    private static boolean samePhone(Resident claimant, Resident slot) {
        return claimant.phoneHash != null && claimant.phoneHash.equals(slot.phoneHash);
    }

    private record SlotRow(long householdId, Resident slot) {
    }

    /** Unbound roster owner slots (no WeChat identity) holding a verified OWNER membership of these households. */
    private static Uni<List<SlotRow>> slotsOf(List<Long> householdIds) {
        if (householdIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(s -> s.createSelectionQuery("select o.householdId, r from Membership o"
                        + " join Resident r on r.id = o.residentId"
                        + " where o.householdId in ?1 and o.role = ?2 and o.source = ?3 and o.status = ?4"
                        + " and r.miniOpenid is null and r.mpOpenid is null and r.unionid is null order by r.id",
                        Object[].class)
                .setParameter(1, householdIds)
                .setParameter(2, MembershipRole.OWNER)
                .setParameter(3, MembershipSource.ROSTER)
                .setParameter(4, MembershipStatus.VERIFIED)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new SlotRow((Long) r[0], (Resident) r[1])).toList());
    }

    /** Every live room of these residents, in address order, by resident. */
    private static Uni<java.util.Map<Long, List<String>>> roomsOf(java.util.Collection<Long> residentIds) {
        if (residentIds.isEmpty()) {
            return Uni.createFrom().item(java.util.Map.of());
        }
        return Panache.getSession().chain(s -> s.createSelectionQuery("select m.residentId, b.name, u.name, h.room"
                        + WITH_ADDRESS + " where m.residentId in ?1 and m.status in ?2" + HouseholdService.ADDRESS_ORDER,
                        Object[].class)
                .setParameter(1, List.copyOf(residentIds))
                .setParameter(2, LIVE)
                .getResultList())
                .map(rows -> {
                    java.util.Map<Long, List<String>> rooms = new java.util.LinkedHashMap<>();
                    for (Object[] r : rows) {
                        rooms.computeIfAbsent((Long) r[0], k -> new ArrayList<>())
                                .add(address((String) r[1], (String) r[2], (String) r[3]));
                    }
                    return rooms;
                });
    }

    /** The claims of these rows with what their approval would grant and the slots a reviewer could confirm. */
    private Uni<List<Claim>> withSlots(List<Object[]> rows) {
        List<Long> households = rows.stream().filter(MembershipService::pendingOwner)
                .map(r -> ((Household) r[1]).id).distinct().toList();
        return slotsOf(households).chain(slots -> roomsOf(slots.stream().map(x -> x.slot().id)
                        .collect(java.util.stream.Collectors.toSet()))
                .map(rooms -> rows.stream().map(row -> {
                    Claim claim = claim(row);
                    if (!pendingOwner(row)) {
                        return claim;
                    }
                    Resident claimant = (Resident) row[4];
                    List<RosterSlot> offered = new ArrayList<>();
                    java.util.LinkedHashSet<String> grants = new java.util.LinkedHashSet<>(List.of(claim.address()));
                    for (SlotRow slot : slots) {
                        if (slot.householdId() != claim.householdId() || slot.slot().id.equals(claimant.id)) {
                            continue;
                        }
                        boolean samePhone = samePhone(claimant, slot.slot());
                        List<String> slotRooms = rooms.getOrDefault(slot.slot().id, List.of());
                        offered.add(new RosterSlot(slot.slot().id, slot.slot().displayName, slot.slot().phoneMasked,
                                samePhone, slotRooms));
                        if (samePhone && grants.size() == 1) {
                            grants.addAll(slotRooms);
                        }
                    }
                    return claim.with(List.copyOf(grants), offered);
                }).toList()));
    }

    private static boolean pendingOwner(Object[] row) {
        Membership m = (Membership) row[0];
        return m.role == MembershipRole.OWNER && m.status == MembershipStatus.PENDING;
    }

    static String address(String building, String unit, String room) {
        return building + " " + unit + " " + room;
    }

    private static Uni<Void> fold(Resident slot, Resident claimant) {
        if (claimant.phoneHash == null) {
            claimant.phoneHash = slot.phoneHash;
            claimant.phoneMasked = slot.phoneMasked;
        }
        if (claimant.communityId == null) {
            claimant.communityId = slot.communityId;
        }
        slot.phoneHash = null;
        slot.phoneMasked = null;
        // Rooms the claimant already holds (this one at least) would be held twice: the slot's copy is revoked.
        return Panache.flush()
                .chain(() -> Membership.update("status = ?1 where residentId = ?2 and status in ?3 and householdId in"
                                + " (select o.householdId from Membership o where o.residentId = ?4 and o.status in ?3)",
                        MembershipStatus.REVOKED, slot.id, LIVE, claimant.id))
                .chain(() -> Membership.update("residentId = ?1 where residentId = ?2", claimant.id, slot.id))
                .replaceWithVoid();
    }

    private Uni<Object[]> row(String condition, Object parameter) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                        "select m, h, u, b, r" + WITH_ADDRESS + " where " + condition, Object[].class)
                .setParameter(1, parameter)
                .getSingleResult());
    }

    private static <R> Mutiny.SelectionQuery<R> bind(Mutiny.SelectionQuery<R> query, long communityId,
                                                     MembershipStatus status, Reach scope) {
        query.setParameter("community", communityId).setParameter("status", status);
        return ReachHql.bind(query, scope);
    }

    private static Mine mine(Object[] row) {
        Membership m = (Membership) row[0];
        Household h = (Household) row[1];
        return new Mine(m.id, m.communityId, h.id, ((Building) row[3]).name, ((BuildingUnit) row[2]).name, h.room,
                m.role, m.status, m.createdAt);
    }

    private static Claim claim(Object[] row) {
        Membership m = (Membership) row[0];
        Household h = (Household) row[1];
        Resident r = (Resident) row[4];
        String building = ((Building) row[3]).name;
        String unit = ((BuildingUnit) row[2]).name;
        return new Claim(m.id, h.id, building, unit, h.room, r.id, r.displayName, r.phoneMasked, m.role, m.status,
                m.source, m.createdAt, m.verifiedAt, List.of(address(building, unit, h.room)), List.of());
    }
}
