package org.linli.community;

import java.math.BigDecimal;

/**
 * One valid line of a roster. The owner's phone is already reduced to its mask and keyed hash; the clear number
 * goes no further than the reader. {@code row} is the spreadsheet row (the header is row 1).
 */
record RosterRow(int row, String building, String unit, String room, BigDecimal area, AreaSource areaSource,
                 String ownerName, String phoneHash, String phoneMasked, String grid) {

    boolean hasPhone() {
        return phoneHash != null;
    }

    boolean hasGrid() {
        return grid != null;
    }
}
