package org.linli.thread;

/** PRIVATE: the raiser and staff only; PUBLIC: residents of the community can see it, 附议 and comment. */
public enum Visibility {
    PRIVATE, PUBLIC
}
