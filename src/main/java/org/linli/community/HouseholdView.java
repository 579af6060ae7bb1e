package org.linli.community;

import java.math.BigDecimal;

/** A household as staff see it: address, area and who lives there (names only, phones masked). */
public record HouseholdView(long id, String building, String unit, String room, BigDecimal floorArea,
                            AreaSource areaSource, long verifiedMembers, long pendingMembers) {
}
