package org.linli.poll;

import java.time.OffsetDateTime;
import java.util.List;

/** A poll as staff and residents see it (the result separately, when it may be shown). */
public record PollView(long id, long communityId, String title, String background, Long threadId,
                       PollDraft.ScopeKind scopeKind, List<Long> scopeIds, List<Question> questions, Preset preset,
                       String base, String quorum, String pass, Visibility resultsVisibility, boolean secret,
                       boolean allowChange, ConflictRule conflictRule, int noticeDays, String noticeWaiver,
                       int publicityDays, PollStatus status, OffsetDateTime openAt, OffsetDateTime closeAt,
                       OffsetDateTime announcedAt, OffsetDateTime openedAt, OffsetDateTime closedAt,
                       OffsetDateTime publishedAt, OffsetDateTime publicityUntil, String outcomeStatement,
                       String chainHead, Long chainCount, String choicesDigest) {

    static PollView of(PollRow p, List<Long> scopeIds) {
        return new PollView(p.id(), p.communityId(), p.title(), p.background(), p.threadId(), p.scopeKind(), scopeIds,
                p.questions(), p.preset(), p.rule().base().name(), p.rule().quorum().toString(),
                p.rule().pass().toString(), p.visibility(), p.secret(), p.allowChange(), p.conflictRule(),
                p.noticeDays(), p.noticeWaiver(), p.publicityDays(), p.status(), p.openAt(), p.closeAt(),
                p.announcedAt(), p.openedAt(), p.closedAt(), p.publishedAt(),
                p.publishedAt() == null ? null : p.publishedAt().plusDays(p.publicityDays()), p.outcomeStatement(),
                p.resultChainHead(), p.resultChainCount(), p.choicesDigest());
    }
}
