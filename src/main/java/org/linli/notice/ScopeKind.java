package org.linli.notice;

/** What a notice's scope names: the whole community, or lists of grids, buildings, units or households. */
public enum ScopeKind {
    COMMUNITY,
    GRIDS,
    BUILDINGS,
    UNITS,
    HOUSEHOLDS
}
