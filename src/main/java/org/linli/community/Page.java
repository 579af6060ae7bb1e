package org.linli.community;

import java.util.List;

/** One page of a longer list; {@code page} counts from 0. */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** The highest page number a list accepts (400 above it), so page × size never overflows an int. */
    public static final int MAX_PAGE = 1_000_000;
}
