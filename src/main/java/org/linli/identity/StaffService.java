package org.linli.identity;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;

import java.util.List;

/** Creates staff accounts and grants them roles. Callers check who may do so. */
@ApplicationScoped
public class StaffService {

    private final StaffRepository staff;
    private final PasswordHasher hasher;

    StaffService(StaffRepository staff, PasswordHasher hasher) {
        this.staff = staff;
        this.hasher = hasher;
    }

    public record NewStaff(String username, String displayName, String password, List<Grant> grants) {
    }

    /** Hashes on a worker thread first, then writes in one transaction. */
    public Uni<StaffAccount> create(NewStaff request) {
        return hasher.hash(request.password())
                .chain(hash -> Panache.withTransaction(() -> staff.findByUsername(request.username())
                        .chain(existing -> {
                            if (existing != null) {
                                return Uni.createFrom().failure(Problem.conflict("USERNAME_TAKEN", request.username()));
                            }
                            StaffAccount account = new StaffAccount();
                            account.username = request.username();
                            account.displayName = request.displayName();
                            account.passwordHash = hash;
                            return staff.persist(account).call(a -> grant(a.id, request.grants()));
                        })));
    }

    public Uni<Void> grant(long staffId, List<Grant> grants) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Grant g : grants) {
            StaffRole role = new StaffRole();
            role.staffId = staffId;
            role.role = g.role();
            role.communityId = g.communityId();
            role.gridId = g.gridId();
            role.buildingId = g.buildingId();
            chain = chain.chain(() -> role.persist().replaceWithVoid());
        }
        return chain;
    }

    /** Whether the staff member holds the role in the community (inside the caller's session). */
    public Uni<Boolean> holdsRole(long staffId, long communityId, Role role) {
        return StaffRole.count("staffId = ?1 and communityId = ?2 and role = ?3", staffId, communityId, role)
                .map(n -> n > 0);
    }

    public Uni<List<StaffAccount>> inCommunity(long communityId) {
        return StaffAccount.list("id in (select r.staffId from StaffRole r where r.communityId = ?1) order by id",
                communityId);
    }

    /** Staff holding the role in the community, by id (e.g. the committee an overdue thread is escalated to). */
    public Uni<List<Long>> holding(long communityId, Role role) {
        return StaffRole.<StaffRole>find("communityId = ?1 and role = ?2 order by staffId", communityId, role).list()
                .map(roles -> roles.stream().map(r -> r.staffId).distinct().toList());
    }

    /** The first staff member holding GRID_WORKER for that grid (thread auto-routing), or null. */
    public Uni<Long> firstGridWorker(long communityId, long gridId) {
        return StaffRole.<StaffRole>find("communityId = ?1 and gridId = ?2 and role = ?3 order by id",
                communityId, gridId, Role.GRID_WORKER).firstResult().map(r -> r == null ? null : r.staffId);
    }
}
