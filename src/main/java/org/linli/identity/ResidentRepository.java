package org.linli.identity;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ResidentRepository implements PanacheRepository<Resident> {

    public Uni<Resident> findByMiniOpenid(String openid) {
        return find("miniOpenid", openid).firstResult();
    }

    public Uni<Resident> findByMpOpenid(String openid) {
        return find("mpOpenid", openid).firstResult();
    }

    public Uni<Resident> findByUnionid(String unionid) {
        return unionid == null ? Uni.createFrom().nullItem() : find("unionid", unionid).firstResult();
    }
}
