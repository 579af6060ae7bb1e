package org.linli.community;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.*;

@Entity
@Table(name = "building")
public class Building extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "community_id")
    public Long communityId;
    @Column(name = "grid_id")
    public Long gridId;
    public String name;
}
