package org.linli.identity;

/** Staff roles, each scoped to one community. */
public enum Role {
    ADMIN,
    /** 居委会成员 */
    COMMITTEE,
    /** 网格员 */
    GRID_WORKER,
    /** 楼栋长 */
    BUILDING_LEADER
}
