package org.linli.poll;

import org.linli.common.NativeSql;
import java.time.OffsetDateTime;
import java.util.List;

/** A poll as stored. */
record PollRow(long id, long communityId, String title, String background, Long threadId,
               PollDraft.ScopeKind scopeKind, List<Question> questions, Preset preset, Rule rule,
               Visibility visibility, boolean secret, boolean allowChange, ConflictRule conflictRule, int noticeDays,
               String noticeWaiver, int publicityDays, PollStatus status, OffsetDateTime openAt,
               OffsetDateTime closeAt, OffsetDateTime announcedAt, OffsetDateTime openedAt, OffsetDateTime closedAt,
               OffsetDateTime publishedAt, OffsetDateTime archivedAt, int reopenCount, String outcomeStatement,
               String result, String resultChainHead, Long resultChainCount, String choicesDigest, String salt,
               long createdBy) {

    static final String COLUMNS = "id, community_id, title, background, thread_id, scope_kind, questions, preset,"
            + " rule, results_visibility, secret, allow_change, conflict_rule, notice_days, notice_waiver,"
            + " publicity_days, status, open_at, close_at, announced_at, opened_at, closed_at, published_at,"
            + " archived_at, reopen_count, outcome_statement, result, result_chain_head, result_chain_count,"
            + " choices_digest, salt, created_by";

    static PollRow of(Object[] r, PollJson json) {
        return new PollRow(NativeSql.id(r[0]), NativeSql.id(r[1]), (String) r[2], (String) r[3],
                r[4] == null ? null : NativeSql.id(r[4]), PollDraft.ScopeKind.valueOf((String) r[5]),
                json.questions((String) r[6]), Preset.valueOf((String) r[7]), json.rule((String) r[8]),
                Visibility.valueOf((String) r[9]), (Boolean) r[10], (Boolean) r[11], ConflictRule.valueOf((String) r[12]),
                ((Number) r[13]).intValue(), (String) r[14], ((Number) r[15]).intValue(), PollStatus.valueOf((String) r[16]),
                NativeSql.time(r[17]), NativeSql.time(r[18]), NativeSql.time(r[19]), NativeSql.time(r[20]), NativeSql.time(r[21]),
                NativeSql.time(r[22]), NativeSql.time(r[23]), ((Number) r[24]).intValue(), (String) r[25], (String) r[26],
                r[27] == null ? null : ((String) r[27]).strip(), r[28] == null ? null : NativeSql.id(r[28]),
                r[29] == null ? null : ((String) r[29]).strip(), (String) r[30], NativeSql.id(r[31]));
    }

    boolean ownersPoll() {
        return rule.base() == Base.OWNERS;
    }
}
