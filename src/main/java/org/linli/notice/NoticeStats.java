package org.linli.notice;

/**
 * Staff figures for one notice.
 *
 * @param households       households the notice was published to
 * @param residents        residents with a VERIFIED membership in them now
 * @param read             residents who opened it
 * @param acknowledged     residents who confirmed it (only for notices that ask)
 * @param unreadHouseholds households none of whose residents has opened it
 */
public record NoticeStats(long noticeId, int version, NoticeStatus status, long households, long residents,
                          long read, long acknowledged, long unreadHouseholds, NoticeDelivery.Figures delivery) {
}
