package org.linli.identity;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.LogText;
import org.linli.common.Problem;

import java.util.List;

/** Logs staff in with username/password and residents in with a Mini-Program code. */
@ApplicationScoped
public class AuthService {

    private final StaffRepository staff;
    private final ResidentRepository residents;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final SessionStore sessions;
    private final MiniProgramLogin wechat;
    private final MiniSessionKeys sessionKeys;

    AuthService(StaffRepository staff, ResidentRepository residents, PasswordHasher hasher, LoginThrottle throttle,
                SessionStore sessions, MiniProgramLogin wechat, MiniSessionKeys sessionKeys) {
        this.staff = staff;
        this.residents = residents;
        this.hasher = hasher;
        this.throttle = throttle;
        this.sessions = sessions;
        this.wechat = wechat;
        this.sessionKeys = sessionKeys;
    }

    public record Login(String token, Caller caller) {
    }

    public Uni<Login> staffLogin(String username, String password) {
        return staffLogin(username, password, sessions::open);
    }

    /**
     * The same login (lock-out included) for the web console: the session is a console cookie session
     * ({@link SessionStore#openConsole}), which is no bearer token.
     */
    public Uni<Login> consoleLogin(String username, String password) {
        return staffLogin(username, password, sessions::openConsole);
    }

    private Uni<Login> staffLogin(String username, String password,
                                  java.util.function.Function<Caller, Uni<String>> opener) {
        return throttle.admit(username)
                .invoke(admitted -> {
                    if (!admitted) {
                        throw new Problem(423, "ACCOUNT_LOCKED", throttle.lockMinutes());
                    }
                })
                .chain(() -> loadStaff(username))
                .chain(found -> hasher.matches(password, found == null ? null : found.account().passwordHash)
                        // Not checked at all (the password pool is full): the attempt does not count.
                        .onFailure(PasswordHasher::isBusy).call(() -> throttle.refund(username))
                        .chain(ok -> ok ? succeed(found, opener) : fail(username)));
    }

    private record Found(StaffAccount account, List<Grant> grants) {
    }

    private Uni<Found> loadStaff(String username) {
        return Panache.withSession(() -> staff.findByUsername(username).chain(account -> account == null
                ? Uni.createFrom().nullItem()
                : staff.grantsOf(account.id).map(grants -> new Found(account, grants))));
    }

    private Uni<Login> succeed(Found found, java.util.function.Function<Caller, Uni<String>> opener) {
        if (!found.account().enabled) {
            return Uni.createFrom().failure(Problem.forbidden("ACCOUNT_DISABLED"));
        }
        Caller caller = Caller.staff(found.account().id, found.account().displayName, found.grants());
        return throttle.reset(found.account().username)
                .chain(() -> opener.apply(caller))
                .map(token -> new Login(token, caller));
    }

    private Uni<Login> fail(String username) {
        Log.infof("Failed staff login for %s", LogText.quote(username));
        return Uni.createFrom().failure(Problem.unauthorized("BAD_CREDENTIALS"));
    }

    public Uni<Login> miniLogin(String code) {
        if (!MiniProgramLogin.isWellFormed(code)) {
            return Uni.createFrom().failure(Problem.badRequest("WECHAT_CODE_INVALID"));
        }
        return wechat.exchange(code)
                .onFailure(MiniProgramLogin.RejectedCode.class)
                .transform(e -> Problem.unauthorized("WECHAT_LOGIN_FAILED"))
                .chain(identity -> residentFor(identity)
                        .call(resident -> sessionKeys.remember(resident.id, identity.sessionKey())))
                .chain(resident -> sessions.open(Caller.resident(resident.id))
                        .map(token -> new Login(token, Caller.resident(resident.id))));
    }

    private Uni<Resident> residentFor(MiniProgramLogin.MiniIdentity identity) {
        return Panache.withTransaction(() -> residents.findByMiniOpenid(identity.openid())
                .chain(byOpenid -> byOpenid != null ? Uni.createFrom().item(byOpenid)
                        : residents.findByUnionid(identity.unionid()).chain(byUnion -> {
                            Resident r = byUnion != null ? byUnion : new Resident();
                            r.miniOpenid = identity.openid();
                            r.unionid = identity.unionid();
                            return residents.persist(r);
                        })))
                // Two first logins of one person at once: the loser of the unique openid finds the winner's row.
                .onFailure().recoverWithUni(e -> Panache.withSession(() -> residents.findByMiniOpenid(identity.openid()))
                        .onItem().ifNull().failWith(() -> e));
    }
}
