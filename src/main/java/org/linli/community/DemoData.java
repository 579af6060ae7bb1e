package org.linli.community;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.linli.identity.Grant;
import org.linli.identity.Role;
import org.linli.identity.StaffService;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Seeds the demo community 幸福里社区 (linli.demo-data=true, the dev default) so a newcomer sees something real:
 * grids, buildings, 120 households, 40 bound residents and staff of every role.
 */
@ApplicationScoped
public class DemoData {

    public static final String CODE = "XFL";

    private final Pool pool;
    private final StaffService staff;
    private final boolean enabled;
    private final String staffPassword;

    DemoData(Pool pool, StaffService staff,
             @ConfigProperty(name = "linli.demo-data", defaultValue = "false") boolean enabled,
             @ConfigProperty(name = "linli.demo.staff-password", defaultValue = "linli-demo-2026") String staffPassword) {
        this.pool = pool;
        this.staff = staff;
        this.enabled = enabled;
        this.staffPassword = staffPassword;
    }

    void onStart(@Observes @Priority(20) StartupEvent event) throws Throwable {
        if (enabled) {
            VertxContextSupport.subscribeAndAwait(this::seedOnce);
        }
    }

    Uni<Void> seedOnce() {
        return Panache.withSession(() -> Community.<Community>find("code", CODE).firstResult()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            return pool.query(script()).execute()
                    .chain(() -> Panache.withSession(() -> Community.<Community>find("code", CODE).<Community>firstResult()))
                    .chain(this::seedStaff)
                    .invoke(() -> Log.infof("Seeded demo community 幸福里社区 (%s); demo staff zhuren, wangge1, wangge2,"
                            + " louzhang1 and shequ-admin sign in with password '%s'", CODE, staffPassword));
        });
    }

    private Uni<Void> seedStaff(Community community) {
        long cid = community.id;
        return Panache.withSession(() -> Grid.<Grid>list("communityId = ?1 order by name", cid)
                        .chain(grids -> Building.<Building>find("communityId = ?1 and name = '1号楼'", cid).firstResult()
                                .map(building -> new Places(grids, building))))
                .chain(p -> create("shequ-admin", "社区管理员", new Grant(Role.ADMIN, cid, null, null))
                        .chain(() -> create("zhuren", "居委会 张主任", new Grant(Role.COMMITTEE, cid, null, null)))
                        .chain(() -> create("wangge1", "网格员 李明", new Grant(Role.GRID_WORKER, cid, p.grids().get(0).id, null)))
                        .chain(() -> create("wangge2", "网格员 赵丽", new Grant(Role.GRID_WORKER, cid, p.grids().get(1).id, null)))
                        .chain(() -> create("louzhang1", "1号楼楼栋长 陈伯", new Grant(Role.BUILDING_LEADER, cid, null, p.building().id))))
                .chain(() -> pool.query("UPDATE grid g SET worker_staff_id = r.staff_id FROM staff_role r"
                        + " WHERE r.grid_id = g.id AND r.role = 'GRID_WORKER'").execute())
                .replaceWithVoid();
    }

    private record Places(List<Grid> grids, Building building) {
    }

    private Uni<Void> create(String username, String name, Grant grant) {
        return staff.create(new StaffService.NewStaff(username, name, staffPassword, List.of(grant))).replaceWithVoid();
    }

    private static String script() {
        try (InputStream in = DemoData.class.getResourceAsStream("/demo/community.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
