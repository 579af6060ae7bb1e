package org.linli.bot;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;
import org.linli.community.HouseholdBinding;
import org.linli.community.MembershipRole;
import org.linli.community.MembershipStatus;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Test stand-in for the roster feature's {@link HouseholdBinding} (redeem an invite code → PENDING membership),
 * written in SQL against the V1 tables. {@link DefaultBean}: once the real implementation is merged, it replaces
 * this one and the bot tests run against it.
 */
@DefaultBean
@ApplicationScoped
public class InviteCodeBinding implements HouseholdBinding {

    private static final String BINDINGS = """
            SELECT m.id, m.community_id, c.name AS community, m.household_id, b.name AS building, u.name AS unit,
                   h.room, m.role, m.status
            FROM membership m
            JOIN community c ON c.id = m.community_id
            JOIN household h ON h.id = m.household_id
            JOIN building_unit u ON u.id = h.unit_id
            JOIN building b ON b.id = u.building_id
            """;

    private final Pool pool;

    InviteCodeBinding(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Binding> redeem(long residentId, String code, MembershipRole role, String displayName) {
        return pool.withTransaction(conn -> conn.preparedQuery(
                        "SELECT id, community_id, household_id, status, expires_at FROM invite_code WHERE code = $1 FOR UPDATE")
                .execute(Tuple.of(code))
                .chain(rows -> {
                    if (rows.size() == 0 || "REVOKED".equals(rows.iterator().next().getString("status"))) {
                        return Uni.createFrom().failure(Problem.badRequest("INVITE_INVALID"));
                    }
                    Row invite = rows.iterator().next();
                    if ("USED".equals(invite.getString("status"))) {
                        return Uni.createFrom().failure(Problem.conflict("INVITE_USED"));
                    }
                    if (invite.getOffsetDateTime("expires_at").isBefore(OffsetDateTime.now())) {
                        return Uni.createFrom().failure(Problem.badRequest("INVITE_EXPIRED"));
                    }
                    return bind(conn, residentId, invite, role, displayName);
                }));
    }

    private Uni<Binding> bind(SqlConnection conn, long residentId, Row invite, MembershipRole role, String name) {
        long communityId = invite.getLong("community_id");
        long householdId = invite.getLong("household_id");
        return conn.preparedQuery("SELECT 1 FROM membership WHERE household_id = $1 AND resident_id = $2"
                        + " AND status IN ('PENDING', 'VERIFIED')")
                .execute(Tuple.of(householdId, residentId))
                .chain(live -> live.size() > 0 ? Uni.createFrom().failure(Problem.conflict("ALREADY_MEMBER"))
                        : conn.preparedQuery("INSERT INTO membership (community_id, household_id, resident_id, role,"
                                        + " status, source) VALUES ($1, $2, $3, $4, 'PENDING', 'INVITE') RETURNING id")
                                .execute(Tuple.of(communityId, householdId, residentId, role.name())))
                .chain(inserted -> conn.preparedQuery("UPDATE invite_code SET status = 'USED', used_by = $1,"
                                + " used_at = now() WHERE id = $2")
                        .execute(Tuple.of(residentId, invite.getLong("id")))
                        .chain(() -> conn.preparedQuery("UPDATE resident SET display_name = $1, community_id = $2"
                                + " WHERE id = $3").execute(Tuple.of(name, communityId, residentId)))
                        .chain(() -> conn.preparedQuery(BINDINGS + " WHERE m.id = $1")
                                .execute(Tuple.of(inserted.iterator().next().getLong("id")))))
                .map(rows -> binding(rows.iterator().next()));
    }

    @Override
    public Uni<List<Binding>> membershipsOf(long residentId) {
        return pool.preparedQuery(BINDINGS + " WHERE m.resident_id = $1 ORDER BY m.created_at DESC, m.id DESC")
                .execute(Tuple.of(residentId))
                .map(rows -> {
                    List<Binding> list = new ArrayList<>();
                    rows.forEach(r -> list.add(binding(r)));
                    return list;
                });
    }

    private static Binding binding(Row r) {
        return new Binding(r.getLong("id"), r.getLong("community_id"), r.getString("community"),
                r.getLong("household_id"), r.getString("building"), r.getString("unit"), r.getString("room"),
                MembershipRole.valueOf(r.getString("role")), MembershipStatus.valueOf(r.getString("status")));
    }
}
