package org.linli.poll;

/** The rule presets; see docs/polls.md for the legal sources. */
public enum Preset {
    /** 居民会议: verified residents in scope. */
    PER_RESIDENT,
    /** 户代表: one ballot per household. */
    PER_HOUSEHOLD,
    /** 民法典 art. 278 ordinary matters: ≥ 2/3 participate (area and heads), > 1/2 of participants agree (双过半). */
    OWNERS_ORDINARY,
    /** 民法典 art. 278 items 6–8: ≥ 2/3 participate, ≥ 3/4 of participants agree (双四分之三). */
    OWNERS_MAJOR,
    /** Staff choose the base and each ratio. */
    CUSTOM;

    boolean owners(Rule rule) {
        return rule.base() == Base.OWNERS;
    }
}
