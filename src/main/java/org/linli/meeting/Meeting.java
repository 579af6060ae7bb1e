package org.linli.meeting;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A meeting (议事会 / 居民会议). Its invitees are rows of meeting_invitee, written with native SQL. */
@Entity
@Table(name = "meeting")
public class Meeting extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "community_id")
    public Long communityId;
    public String title;
    public String place;
    @Column(columnDefinition = "text")
    public String agenda;
    @Column(name = "starts_at")
    public OffsetDateTime startsAt;
    @Column(name = "ends_at")
    public OffsetDateTime endsAt;
    /** A scope kind of notices, or RESIDENTS for an explicit list. */
    @Column(name = "scope_kind")
    public String scopeKind;
    @Column(name = "poll_id")
    public Long pollId;
    @Column(name = "thread_id")
    public Long threadId;
    @Column(name = "minutes_notice_id")
    public Long minutesNoticeId;
    @Column(name = "created_by")
    public Long createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "cancelled_by")
    public Long cancelledBy;
    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;
    /** Minutes before the start, comma-separated; null: the deployment's default reminder times. */
    @Column(name = "reminder_leads")
    public String reminderLeads;

    boolean cancelled() {
        return cancelledAt != null;
    }
}
