package org.linli.identity;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Residents as the Mini-Program knows them: their Mini-Program openid (for msgSecCheck v2). */
@ApplicationScoped
public class MiniResidents {

    private final ResidentRepository residents;

    MiniResidents(ResidentRepository residents) {
        this.residents = residents;
    }

    /** The resident's Mini-Program openid, or null when they never logged in to the Mini-Program. */
    public Uni<String> miniOpenidOf(long residentId) {
        return Panache.withSession(() -> residents.findById(residentId)).map(r -> r == null ? null : r.miniOpenid);
    }
}
