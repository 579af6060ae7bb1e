package org.linli.community;

import java.time.Clock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.linli.common.Problem;
import org.linli.identity.Reach;
import org.linli.identity.Resident;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One-time codes that let a resident claim a household. Staff issue them (a new code revokes the household's
 * previous one); a resident redeems one into a PENDING membership that staff then approve.
 */
@ApplicationScoped
public class InviteService {

    private final HouseholdService households;
    private final MembershipService memberships;
    private final InviteConfig config;
    private final Clock clock;
    private final InviteGuesses guesses;

    InviteService(HouseholdService households, MembershipService memberships, InviteConfig config,
                  InviteGuesses guesses, Clock clock) {
        this.clock = clock;
        this.households = households;
        this.memberships = memberships;
        this.config = config;
        this.guesses = guesses;
    }

    /** A code as handed out, with the address to print beside it. */
    public record Issued(long householdId, String building, String unit, String room, String code,
                         OffsetDateTime expiresAt) {
    }

    public Uni<Issued> issue(long communityId, long householdId, Reach scope, long staffId) {
        return Panache.withTransaction(() -> households.locate(communityId, householdId)
                .invoke(found -> requireCovered(scope, found.building()))
                .call(found -> InviteCode.update("status = ?1 where householdId = ?2 and status = ?3",
                        InviteStatus.REVOKED, householdId, InviteStatus.ACTIVE))
                .chain(found -> persistCode(found, staffId)));
    }

    /** A fresh code for every household of a building, in address order, for printing. */
    public Uni<List<Issued>> issueForBuilding(long communityId, long buildingId, Reach scope, long staffId) {
        return Panache.withTransaction(() -> Building.<Building>find("id = ?1 and communityId = ?2", buildingId, communityId)
                .firstResult()
                .onItem().ifNull().failWith(() -> Problem.notFound("BUILDING_NOT_FOUND"))
                .invoke(building -> requireCovered(scope, building))
                .call(() -> InviteCode.update("status = ?1 where status = ?2 and householdId in"
                                + " (select h.id from Household h join BuildingUnit u on u.id = h.unitId where u.buildingId = ?3)",
                        InviteStatus.REVOKED, InviteStatus.ACTIVE, buildingId))
                .chain(() -> households.inBuilding(communityId, buildingId))
                .chain(found -> Multi.createFrom().iterable(found)
                        .onItem().transformToUniAndConcatenate(h -> persistCode(h, staffId))
                        .collect().asList()));
    }

    private Uni<Issued> persistCode(HouseholdService.Located found, long staffId) {
        InviteCode invite = new InviteCode();
        invite.communityId = found.household().communityId;
        invite.householdId = found.household().id;
        invite.code = InviteCodes.next();
        invite.status = InviteStatus.ACTIVE;
        invite.createdBy = staffId;
        invite.expiresAt = OffsetDateTime.now(clock).plus(config.validity());
        return invite.persist().map(ignored -> new Issued(found.household().id, found.building().name,
                found.unit().name, found.household().room, invite.code, invite.expiresAt));
    }

    /**
     * Redeems a code into a PENDING membership. The code's row is locked while it is checked and used, so of two
     * residents redeeming it at once the second waits, then finds it used.
     */
    public Uni<MembershipService.Mine> redeem(long residentId, String typedCode, MembershipRole role, String displayName) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return guesses.admitResident(residentId).chain(() -> Panache.withTransaction(() -> InviteCode.<InviteCode>find("code", InviteCodes.normalize(typedCode))
                        .withLock(LockModeType.PESSIMISTIC_WRITE)
                        .firstResult()
                        .invoke(invite -> requireRedeemable(invite, now))
                        .call(invite -> requireNotMember(invite.householdId, residentId))
                        .call(invite -> nameResident(residentId, displayName, invite.communityId))
                        .chain(invite -> use(invite, residentId, role, now))))
                .chain(m -> memberships.mineById(m.id));
    }

    private static Uni<Void> requireNotMember(long householdId, long residentId) {
        return Membership.count("householdId = ?1 and residentId = ?2 and status in ?3",
                        householdId, residentId, MembershipService.LIVE)
                .invoke(live -> {
                    if (live > 0) {
                        throw Problem.conflict("ALREADY_MEMBER");
                    }
                })
                .replaceWithVoid();
    }

    /** The name reviewers see on the claim; the resident joins the community of their first household. */
    private static Uni<Resident> nameResident(long residentId, String displayName, long communityId) {
        return Resident.<Resident>findById(residentId)
                .onItem().ifNull().failWith(() -> Problem.notFound("RESIDENT_NOT_FOUND"))
                .invoke(resident -> {
                    resident.displayName = displayName;
                    if (resident.communityId == null) {
                        resident.communityId = communityId;
                    }
                });
    }

    private static Uni<Membership> use(InviteCode invite, long residentId, MembershipRole role, OffsetDateTime now) {
        invite.status = InviteStatus.USED;
        invite.usedBy = residentId;
        invite.usedAt = now;
        Membership m = new Membership();
        m.communityId = invite.communityId;
        m.householdId = invite.householdId;
        m.residentId = residentId;
        m.role = role;
        m.status = MembershipStatus.PENDING;
        m.source = MembershipSource.INVITE;
        return m.persist();
    }

    private static void requireRedeemable(InviteCode invite, OffsetDateTime now) {
        if (invite == null) {
            throw Problem.notFound("INVITE_INVALID");
        }
        switch (invite.status) {
            case USED -> throw Problem.conflict("INVITE_USED");
            case REVOKED -> throw new Problem(410, "INVITE_REVOKED");
            case ACTIVE -> {
                if (!invite.expiresAt.isAfter(now)) {
                    throw new Problem(410, "INVITE_EXPIRED");
                }
            }
        }
    }

    /** True when a text has the shape of an invite code (8 symbols of the code alphabet, dash or spaces allowed). */
    public static boolean looksLikeCode(String text) {
        String code = text == null ? "" : InviteCodes.normalize(text);
        return code.length() == InviteCodes.LENGTH
                && code.chars().allMatch(c -> InviteCodes.ALPHABET.indexOf(c) >= 0);
    }

    private static void requireCovered(Reach scope, Building building) {
        if (!ReachHql.covers(scope, building)) {
            throw Problem.forbidden("FORBIDDEN");
        }
    }
}
