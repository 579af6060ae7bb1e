package org.linli.thread;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.*;

import java.time.OffsetDateTime;

/**
 * A 说事 thread. Read through Panache; state changes are conditional UPDATEs on {@code version} (see
 * {@link ThreadWorkflow}), never a write of a loaded entity.
 */
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
    @Enumerated(EnumType.STRING)
    public ThreadStatus status;
    @Enumerated(EnumType.STRING)
    public ThreadSource source;
    @Column(name = "submission_key")
    public String submissionKey;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public String category;
    @Enumerated(EnumType.STRING)
    public Urgency urgency;
    @Enumerated(EnumType.STRING)
    public Visibility visibility;
    @Enumerated(EnumType.STRING)
    public Moderation moderation;
    @Column(name = "building_id")
    public Long buildingId;
    @Column(name = "grid_id")
    public Long gridId;
    @Column(name = "routed_staff_id")
    public Long routedStaffId;
    @Column(name = "assignee_staff_id")
    public Long assigneeStaffId;
    public int version;
    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;
    @Column(name = "accepted_at")
    public OffsetDateTime acceptedAt;
    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;
    @Column(name = "closed_at")
    public OffsetDateTime closedAt;
    @Column(name = "accept_due_at")
    public OffsetDateTime acceptDueAt;
    @Column(name = "resolve_due_at")
    public OffsetDateTime resolveDueAt;
    @Column(name = "round_started_at")
    public OffsetDateTime roundStartedAt;
    public String complexity;
    @Column(name = "result_text")
    public String resultText;
    @Column(name = "reject_reason")
    public String rejectReason;
    @Column(name = "escalated_at")
    public OffsetDateTime escalatedAt;
    @Column(name = "merged_into_id")
    public Long mergedIntoId;
    @Column(name = "reopen_count")
    public int reopenCount;
    @Column(name = "poll_id")
    public Long pollId;
    @Column(name = "support_count")
    public int supportCount;
    @Column(name = "report_count")
    public int reportCount;
    public String terms;

    boolean urgent() {
        return urgency == Urgency.URGENT;
    }

    boolean isPublic() {
        return visibility == Visibility.PUBLIC;
    }

    /** Others may see it: public and neither held, hidden nor removed. */
    boolean shownToOthers() {
        return isPublic() && moderation == Moderation.VISIBLE && status != ThreadStatus.DRAFT;
    }

    boolean overdue(OffsetDateTime now) {
        return (status == ThreadStatus.SUBMITTED && acceptDueAt != null && acceptDueAt.isBefore(now))
                || (status.open() && status != ThreadStatus.SUBMITTED && resolveDueAt != null
                && resolveDueAt.isBefore(now));
    }
}
