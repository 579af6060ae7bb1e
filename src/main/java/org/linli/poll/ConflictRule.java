package org.linli.poll;

/** Which of an online and a paper ballot for one unit counts: the earlier cast (default), paper, or online. */
public enum ConflictRule {
    EARLIER, PAPER, ONLINE
}
