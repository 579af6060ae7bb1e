package org.linli.identity;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class StaffRepository implements PanacheRepository<StaffAccount> {

    public Uni<StaffAccount> findByUsername(String username) {
        return find("lower(username)", username.toLowerCase()).firstResult();
    }

    public Uni<List<Grant>> grantsOf(long staffId) {
        return StaffRole.<StaffRole>list("staffId", staffId)
                .map(roles -> roles.stream().map(StaffRole::toGrant).toList());
    }
}
