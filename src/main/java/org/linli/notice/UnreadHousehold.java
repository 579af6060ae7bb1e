package org.linli.notice;

/** A household none of whose residents has opened the notice: where the 楼栋长 goes knocking. */
public record UnreadHousehold(long householdId, String building, String unit, String room, long residents) {
}
