package org.linli.identity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.*;
import java.time.OffsetDateTime;

@Entity
@Table(name = "resident")
public class Resident extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "community_id")
    public Long communityId;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "phone_masked")
    public String phoneMasked;
    @Column(name = "phone_hash")
    public String phoneHash;
    @Column(name = "mp_openid")
    public String mpOpenid;
    @Column(name = "mini_openid")
    public String miniOpenid;
    public String unionid;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    /** A roster owner slot nobody has claimed through WeChat yet. */
    public boolean isUnbound() {
        return mpOpenid == null && miniOpenid == null;
    }
}
