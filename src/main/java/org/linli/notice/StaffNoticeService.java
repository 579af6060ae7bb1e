package org.linli.notice;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.community.Page;
import org.linli.identity.Caller;

import java.util.List;

/**
 * The staff side of notices for callers outside this package (the committee console): the same services and the
 * same reach as {@link StaffNoticeResource}, with the caller's grants deciding what they may address and see.
 * Callers must have checked that the caller is staff of the community.
 */
@ApplicationScoped
public class StaffNoticeService {

    private final NoticePublisher publisher;
    private final StaffNotices notices;
    private final NoticeFigures figures;

    StaffNoticeService(NoticePublisher publisher, StaffNotices notices, NoticeFigures figures) {
        this.publisher = publisher;
        this.notices = notices;
        this.figures = figures;
    }

    public Uni<NoticeChange> publish(long communityId, Caller author, NoticeDraft draft) {
        return publisher.publish(communityId, StaffReach.of(author, communityId), draft);
    }

    public Uni<Page<NoticeSummary>> list(long communityId, Caller staff, NoticeStatus status, int page, int size) {
        return notices.list(communityId, StaffReach.of(staff, communityId), status, page, size);
    }

    public Uni<NoticeView> view(long communityId, long noticeId, Caller staff) {
        return notices.view(communityId, noticeId, StaffReach.of(staff, communityId));
    }

    public Uni<List<NoticeVersionView>> versions(long communityId, long noticeId, Caller staff) {
        return notices.versions(communityId, noticeId, StaffReach.of(staff, communityId));
    }

    public Uni<NoticeStats> stats(long communityId, long noticeId, Caller staff) {
        return figures.stats(communityId, noticeId, StaffReach.of(staff, communityId));
    }

    public Uni<List<UnreadHousehold>> unreadHouseholds(long communityId, long noticeId, Caller staff) {
        return figures.unreadHouseholds(communityId, noticeId, StaffReach.of(staff, communityId));
    }

    public Uni<NoticeView> withdraw(long communityId, long noticeId, Caller staff) {
        return publisher.withdraw(communityId, noticeId, StaffReach.of(staff, communityId));
    }

    /** The body as residents will see it (the safe Markdown subset), for a preview before publishing. */
    public static String preview(String body, BodyFormat format) {
        return NoticeMarkdown.render(body, format == null ? BodyFormat.PLAIN : format);
    }
}
