package org.linli.thread;

/** An open thread that looks like the same matter; {@code score} is the TF-IDF cosine. */
public record Candidate(long id, String refNo, String excerpt, String status, int supportCount, double score) {
}
