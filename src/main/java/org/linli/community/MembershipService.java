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

    /** A membership as reviewing staff see it: the address, the person (phone masked) and the claim. */
    public record Claim(long id, long householdId, String building, String unit, String room, long residentId,
                        String displayName, String phoneMasked, MembershipRole role, MembershipStatus status,
                        MembershipSource source, OffsetDateTime createdAt, OffsetDateTime verifiedAt) {
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
            return items.getResultList().chain(rows -> total.getSingleResult()
                    .map(count -> new Page<>(rows.stream().map(MembershipService::claim).toList(), page, size, count)));
        }));
    }

    /**
     * Verifies a pending claim. When an OWNER claim names the same person as an unbound roster owner slot of that
     * household (same display name, exactly one such slot), the slot is folded into the claimant: its memberships
     * (including the owner's other rooms) move to the claimant, who also takes its phone hash, so the owner counts
     * once in votes. The slot row stays, emptied of its phone, so nothing that points at it breaks.
     */
    public Uni<Decision> approve(long communityId, long membershipId, Reach scope, long staffId) {
        return Panache.withTransaction(() -> lockPending(communityId, membershipId, scope)
                .invoke(m -> decide(m, MembershipStatus.VERIFIED, staffId))
                .chain(m -> m.role == MembershipRole.OWNER ? foldRosterSlot(m) : Uni.createFrom().<Long>nullItem())
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

    private Uni<Long> foldRosterSlot(Membership claim) {
        return Resident.<Resident>findById(claim.residentId).chain(claimant -> Panache.getSession()
                .chain(s -> s.createSelectionQuery("select r from Membership o join Resident r on r.id = o.residentId"
                                + " where o.householdId = ?1 and o.role = ?2 and o.source = ?3 and o.status = ?4"
                                + " and r.id <> ?5 and r.displayName = ?6"
                                + " and r.miniOpenid is null and r.mpOpenid is null and r.unionid is null", Resident.class)
                        .setParameter(1, claim.householdId)
                        .setParameter(2, MembershipRole.OWNER)
                        .setParameter(3, MembershipSource.ROSTER)
                        .setParameter(4, MembershipStatus.VERIFIED)
                        .setParameter(5, claimant.id)
                        .setParameter(6, claimant.displayName)
                        .getResultList())
                .chain(slots -> slots.size() == 1
                        ? fold(slots.get(0), claimant).replaceWith(slots.get(0).id)
                        : Uni.createFrom().nullItem()));
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
        return new Claim(m.id, h.id, ((Building) row[3]).name, ((BuildingUnit) row[2]).name, h.room, r.id,
                r.displayName, r.phoneMasked, m.role, m.status, m.source, m.createdAt, m.verifiedAt);
    }
}
