package org.linli.thread;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.*;

import java.time.OffsetDateTime;

@Entity
@Table(name = "consultation_thread")
public class ConsultationThread extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "community_id")
    public Long communityId;
    @Column(name = "ref_no")
    public String refNo;
    @Column(name = "resident_id")
    public Long residentId;
    @Column(name = "household_id")
    public Long householdId;
    public String description;
    @Column(name = "location_text")
    public String locationText;
    public Double latitude;
    public Double longitude;
    @Column(name = "photo_media_id")
    public String photoMediaId;
    @Column(name = "photo_url")
    public String photoUrl;
    @Enumerated(EnumType.STRING)
    public ThreadStatus status;
    @Enumerated(EnumType.STRING)
    public ThreadSource source;
    @Column(name = "submission_key")
    public String submissionKey;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
