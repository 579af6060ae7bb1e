package org.linli.poll;

/** Who forms the electorate: verified residents, households (户代表), or owners counted by head and area. */
public enum Base {
    RESIDENTS, HOUSEHOLDS, OWNERS
}
