package org.linli.notice;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.community.Page;
import org.linli.identity.Reach;

import java.util.List;

/**
 * The staff side of notices for callers outside this package (the committee console): the same services and the
 * same reach as {@link StaffNoticeResource}, with the caller's {@link Reach} deciding what they may address and see.
 * Callers declare {@code community:staff} access like the REST endpoints.
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

    public Uni<NoticeChange> publish(long communityId, Reach reach, NoticeDraft draft) {
        return publisher.publish(communityId, reach, draft);
    }

    public Uni<Page<NoticeSummary>> list(long communityId, Reach reach, NoticeStatus status, int page, int size) {
        return notices.list(communityId, reach, status, page, size);
    }

    public Uni<NoticeView> view(long communityId, long noticeId, Reach reach) {
        return notices.view(communityId, noticeId, reach);
    }

    public Uni<List<NoticeVersionView>> versions(long communityId, long noticeId, Reach reach) {
        return notices.versions(communityId, noticeId, reach);
    }

    public Uni<NoticeStats> stats(long communityId, long noticeId, Reach reach) {
        return figures.stats(communityId, noticeId, reach);
    }

    public Uni<List<UnreadHousehold>> unreadHouseholds(long communityId, long noticeId, Reach reach) {
        return figures.unreadHouseholds(communityId, noticeId, reach);
    }

    public Uni<NoticeView> withdraw(long communityId, long noticeId, Reach reach) {
        return publisher.withdraw(communityId, noticeId, reach);
    }

    /** The body as residents will see it (the safe Markdown subset), for a preview before publishing. */
    public static String preview(String body, BodyFormat format) {
        return NoticeMarkdown.render(body, format == null ? BodyFormat.PLAIN : format);
    }
}
