package org.linli.identity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One role of a staff member in one community (community null: platform ADMIN). */
@Entity
@Table(name = "staff_role")
public class StaffRole extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "staff_id")
    public Long staffId;
    @Column(name = "community_id")
    public Long communityId;
    @Enumerated(EnumType.STRING)
    public Role role;
    @Column(name = "grid_id")
    public Long gridId;
    @Column(name = "building_id")
    public Long buildingId;

    public Grant toGrant() {
        return new Grant(role, communityId, gridId, buildingId);
    }
}
