package org.linli.notice;

import io.smallrye.mutiny.Uni;

import java.util.Collection;
import java.util.Set;

/**
 * Who asked not to be pushed notices of a category. Residents' settings live with their reminder settings
 * (提醒设置), which implement this, so the notice feature asks without depending on them.
 */
public interface NoticeMutes {

    /** Those of these residents who muted the category; called in the publishing transaction. */
    Uni<Set<Long>> muting(NoticeCategory category, Collection<Long> residentIds);
}
