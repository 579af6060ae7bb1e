package org.linli.identity;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Residents as the Official Account knows them: by their MP openid. */
@ApplicationScoped
public class MpResidents {

    private static final String INSERT_IF_ABSENT =
            "INSERT INTO resident (mp_openid) VALUES (?1) ON CONFLICT (mp_openid) DO NOTHING";

    private final ResidentRepository residents;

    MpResidents(ResidentRepository residents) {
        this.residents = residents;
    }

    /** The resident's id, or null when this openid never needed one. */
    public Uni<Long> idOf(String mpOpenid) {
        return Panache.withSession(() -> residents.findByMpOpenid(mpOpenid)).map(r -> r == null ? null : r.id);
    }

    /** The resident's id, creating a bare resident row (openid only) the first time; safe under races. */
    public Uni<Long> ensure(String mpOpenid) {
        return idOf(mpOpenid).chain(id -> id != null ? Uni.createFrom().item(id)
                : Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(INSERT_IF_ABSENT)
                                .setParameter(1, mpOpenid).executeUpdate()))
                        .chain(() -> idOf(mpOpenid)));
    }
}
