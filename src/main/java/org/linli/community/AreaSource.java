package org.linli.community;

/** Where a floor area comes from, in the order of precedence of 建筑物区分所有权司法解释 art. 8. */
public enum AreaSource {
    /** 不动产登记簿 */
    REGISTRY,
    /** 测绘报告 */
    SURVEY,
    /** 购房合同 */
    CONTRACT
}
